import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';
import { demoGtin } from '../catalog.seed.js';

/** Admin and channel operations of the catalog module, as front ends send them. */
export const Q = {
  createProduct: `mutation($input: CreateProductInput!) { createProduct(input: $input) {
    id handle title description brand status attributes
    options { name values } media { url alt } categories { id handle } translations { locale title description }
    variants { id sku gtin title position options { name value } attributes weightGrams status }
  } }`,
  upsertProduct: `mutation($input: CreateProductInput!) { upsertProduct(input: $input) { id handle title variants { id sku gtin } categories { handle } } }`,
  updateProduct: `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id handle title brand status options { name values } categories { handle } translations { locale title } media { url alt } attributes updatedAt } }`,
  deleteProduct: `mutation($id: ID!) { deleteProduct(id: $id) { id } }`,
  setStatus: `mutation($ids: [ID!]!, $status: ProductStatus!) { setProductStatus(ids: $ids, status: $status) { id status } }`,
  createVariant: `mutation($input: CreateVariantInput!) { createVariant(input: $input) { id productId sku gtin title options { name value } } }`,
  updateVariant: `mutation($input: UpdateVariantInput!) { updateVariant(input: $input) { id sku gtin title options { name value } status } }`,
  deleteVariant: `mutation($id: ID!) { deleteVariant(id: $id) { id } }`,
  product: `query($id: ID, $handle: String) { product(id: $id, handle: $handle) { id handle title status variants { id sku gtin } platforms { platformId } } }`,
  products: `query($first: Int, $after: String, $filter: ProductFilter) { products(first: $first, after: $after, filter: $filter) { edges { node { id handle } } pageInfo { hasNextPage endCursor } } }`,
  productsCounted: `query($filter: ProductFilter) { products(first: 2, filter: $filter) { totalCount edges { node { id } } } }`,
  publish: `mutation($input: PublishProductInput!) { publishProduct(input: $input) { id } }`,
  unpublish: `mutation($input: PublishProductInput!) { unpublishProduct(input: $input) { id } }`,
  createCategory: `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id parentId handle name path } }`,
  updateCategory: `mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { id parentId handle name path } }`,
  deleteCategory: `mutation($id: ID!) { deleteCategory(id: $id) { id } }`,
  categories: `{ categories { id parentId handle path children { id } } }`,
  createCollection: `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { id handle title products { id } } }`,
  updateCollection: `mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { id handle title products { id } } }`,
  deleteCollection: `mutation($id: ID!) { deleteCollection(id: $id) { id } }`,
  createAttribute: `mutation($input: CreateAttributeDefinitionInput!) { createAttributeDefinition(input: $input) { id code type options appliesTo required } }`,
  updateAttribute: `mutation($input: UpdateAttributeDefinitionInput!) { updateAttributeDefinition(input: $input) { id code label options } }`,
  deleteAttribute: `mutation($id: ID!) { deleteAttributeDefinition(id: $id) { id } }`,
  audit: `query($filter: AuditFilter) { auditLog(first: 100, filter: $filter) { edges { node { action entityType entityId platformId } } } }`,
  createPlatform: `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id code } }`,
  createKey: `mutation($platformId: ID!) { createPlatformKey(platformId: $platformId, label: "test") { secret } }`,
} as const;

/** Channel operations. */
export const C = {
  products: `query($first: Int, $after: String, $filter: ProductListFilter) { products(first: $first, after: $after, filter: $filter) {
    edges { node { id handle title description variants { id sku gtin options { name value } } } } pageInfo { hasNextPage endCursor }
  } }`,
  productsCounted: `query($first: Int) { products(first: $first) { totalCount edges { node { id } } } }`,
  product: `query($id: ID, $handle: String) { product(id: $id, handle: $handle) { id handle title description brand options { name values } media { url alt } categories { handle } variants { sku } } }`,
  scan: `query($code: String!) { variantByCode(code: $code) { id sku gtin title product { id handle } } }`,
  categories: `{ categories { handle children { handle children { handle } } } }`,
  collection: `query($handle: String!) { collection(handle: $handle) { handle title products { handle } } }`,
} as const;

let counter = 0;

/** A fresh suffix for handles, SKUs and codes. */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

let gtinCounter = 50_000 + Math.floor(Math.random() * 40_000);

/** A fresh valid GTIN-13. */
export function freshGtin(): string {
  gtinCounter += 1;
  return demoGtin(gtinCounter);
}

/** A valid product input with two options and `variants` variants (S/M/L × Red/Blue). */
export function productInput(overrides: Record<string, unknown> = {}, variants = 2): Record<string, unknown> {
  const tag = unique('p');
  const combos = ['S', 'M', 'L'].flatMap((size) => ['Red', 'Blue'].map((colour) => ({ size, colour })));
  return {
    handle: `product-${tag}`,
    title: `Product ${tag}`,
    description: 'A test product',
    brand: 'Acme',
    status: 'ACTIVE',
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['Red', 'Blue'] },
    ],
    variants: combos.slice(0, variants).map((c, i) => ({
      sku: `SKU-${tag}-${i}`,
      gtin: freshGtin(),
      optionValues: [
        { name: 'Size', value: c.size },
        { name: 'Colour', value: c.colour },
      ],
    })),
    ...overrides,
  };
}

/** A product as the admin create returns it. */
export interface ProductNode {
  id: string;
  handle: string;
  title: string;
  status: string;
  variants: { id: string; sku: string; gtin: string | null; title: string; options: { name: string; value: string }[] }[];
  [key: string]: unknown;
}

/** Creates a product through the admin API. */
export async function createProduct(client: GraphQLClient, overrides: Record<string, unknown> = {}, variants = 2): Promise<ProductNode> {
  return (await client.data<{ createProduct: ProductNode }>(Q.createProduct, { input: productInput(overrides, variants) })).createProduct;
}

/** A platform with a publishable key, and a channel client for it. */
export async function platformWithKey(env: TestEnvironment, locale = 'es-ES'): Promise<{ id: string; channel: GraphQLClient }> {
  const code = unique('shop-').toLowerCase();
  const { createPlatform } = await env.adminClient.data<{ createPlatform: { id: string } }>(Q.createPlatform, {
    input: { code, name: code, type: 'headless', currency: 'EUR', locale },
  });
  const { createPlatformKey } = await env.adminClient.data<{ createPlatformKey: { secret: string } }>(Q.createKey, { platformId: createPlatform.id });
  return { id: createPlatform.id, channel: env.channelClient(createPlatformKey.secret) };
}

/** The first error's code, reason and field errors of an operation. */
export async function errorOf(client: GraphQLClient, query: string, variables: Record<string, unknown>): Promise<{ code?: string; reason?: string; fields: { path: string; message: string }[] }> {
  const result = await client.query(query, variables);
  const ext = result.errors?.[0]?.extensions;
  return { code: ext?.code, reason: ext?.reason, fields: ext?.fields ?? [] };
}
