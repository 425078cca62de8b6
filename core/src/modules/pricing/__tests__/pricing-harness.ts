import { newId } from '../../../kernel/ids.js';
import { toJson } from '../../../db/json-column.js';
import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';

/** GraphQL documents of the pricing tests. */
export const Q = {
  createList: `mutation($input: CreatePriceListInput!) { createPriceList(input: $input) { id code name currency status platformIds } }`,
  updateList: `mutation($input: UpdatePriceListInput!) { updatePriceList(input: $input) { id code name currency status } }`,
  deleteList: `mutation($id: ID!) { deletePriceList(id: $id) }`,
  getList: `query($id: ID!) { priceList(id: $id) { id code name currency status platformIds prices(first: 100) { edges { node { id variantId amount { amount } } } } } }`,
  lists: `query($first: Int, $after: String, $filter: PriceListFilter) { priceLists(first: $first, after: $after, filter: $filter) { edges { node { id code currency status } } pageInfo { hasNextPage endCursor } } }`,
  setPrices: `mutation($priceListId: ID!, $prices: [PriceInput!]!) { setPrices(priceListId: $priceListId, prices: $prices) {
    id variantId amount { amount currency decimal formatted(locale: "es-ES") } compareAt { amount } customerGroupId startsAt endsAt minQuantity } }`,
  deletePrice: `mutation($id: ID!) { deletePrice(id: $id) }`,
  prices: `query($priceListId: ID!, $first: Int, $after: String, $filter: PriceFilter) { prices(priceListId: $priceListId, first: $first, after: $after, filter: $filter) {
    edges { node { id variantId amount { amount } customerGroupId startsAt endsAt } } pageInfo { hasNextPage endCursor } } }`,
  variantPrices: `query($variantId: ID!, $priceListId: ID) { variantPrices(variantId: $variantId, priceListId: $priceListId) { id priceListId amount { amount currency } } }`,
  setPlatformPricing: `mutation($platformId: ID!, $priceListId: ID, $pricesIncludeTax: Boolean!) { setPlatformPricing(platformId: $platformId, priceListId: $priceListId, pricesIncludeTax: $pricesIncludeTax) { platformId pricesIncludeTax priceList { id code } } }`,
  platformPricing: `query($platformId: ID!) { platformPricing(platformId: $platformId) { platformId pricesIncludeTax priceList { id } } }`,
  createPlatform: `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id code currency } }`,
  createKey: `mutation($platformId: ID!) { createPlatformKey(platformId: $platformId, label: "test") { secret } }`,
} as const;

/** A price list as the tests read it. */
export interface ListNode {
  id: string;
  code: string;
  name: string;
  currency: string;
  status: string;
  platformIds: string[];
}

/** A price as setPrices returns it. */
export interface PriceNode {
  id: string;
  variantId: string;
  amount: { amount: number; currency: string; decimal: string; formatted: string };
  compareAt: { amount: number } | null;
  customerGroupId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  minQuantity: number;
}

let counter = 0;

/** A unique slug for this test run. */
export function uniqueCode(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Creates a price list through the admin API. */
export async function createList(client: GraphQLClient, input: Partial<{ code: string; name: string; currency: string; status: string }> = {}): Promise<ListNode> {
  const { createPriceList } = await client.data<{ createPriceList: ListNode }>(Q.createList, {
    input: { code: uniqueCode('list'), name: 'Test list', currency: 'EUR', ...input },
  });
  return createPriceList;
}

/** Creates a platform (and a key) through the admin API. */
export async function createPlatform(client: GraphQLClient, currency = 'EUR'): Promise<{ id: string; code: string; key: string }> {
  const code = uniqueCode('shop');
  const { createPlatform: platform } = await client.data<{ createPlatform: { id: string; code: string } }>(Q.createPlatform, {
    input: { code, name: code, type: 'headless', currency, locale: 'es-ES' },
  });
  const { createPlatformKey } = await client.data<{ createPlatformKey: { secret: string } }>(Q.createKey, { platformId: platform.id });
  return { id: platform.id, code: platform.code, key: createPlatformKey.secret };
}

/**
 * Inserts `count` products with `perProduct` variants each straight into the catalog tables
 * (test fixtures; the catalog's own API is tested in its module). Returns them in order.
 */
export async function insertProducts(env: TestEnvironment, count: number, perProduct = 1, publishTo: string[] = []): Promise<{ id: string; variantIds: string[] }[]> {
  const db = env.plaza.db;
  const now = Date.now();
  const products: { id: string; variantIds: string[] }[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId('prod');
    const handle = uniqueCode('product');
    await db('catalog_product').insert({ id, handle, title: `Product ${handle}`, description: '', brand: null, status: 'active', attributes: toJson({}), created_at: now, updated_at: now });
    const variantIds: string[] = [];
    for (let v = 0; v < perProduct; v++) {
      const variantId = newId('var');
      await db('catalog_variant').insert({ id: variantId, product_id: id, sku: uniqueCode('SKU'), gtin: null, title: `V${v}`, position: v, option_values: toJson({}), attributes: toJson({}), weight_grams: null, status: 'active', created_at: now, updated_at: now });
      variantIds.push(variantId);
    }
    for (const platformId of publishTo) await db('catalog_product_platform').insert({ product_id: id, platform_id: platformId, published_at: now });
    products.push({ id, variantIds });
  }
  return products;
}

/** The first error's code, reason and fields of a response. */
export function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code?: string; reason?: string; message?: string; fields: { path: string; message: string }[] } {
  const error = result.errors?.[0];
  const ext = error?.extensions ?? {};
  return { code: ext.code as string | undefined, reason: ext.reason as string | undefined, message: error?.message, fields: (ext.fields ?? []) as { path: string; message: string }[] };
}
