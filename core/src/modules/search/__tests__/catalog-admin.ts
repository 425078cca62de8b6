import type { Knex } from 'knex';
import { newId } from '../../../kernel/ids.js';
import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';

let counter = 0;

/** Catalog, pricing and stock set-up through the admin API (stock rows directly: their API is the inventory module's to test). */
export class CatalogAdmin {
  constructor(readonly env: TestEnvironment) {}

  get admin(): GraphQLClient {
    return this.env.adminClient;
  }

  /** A headless EUR platform (es-ES) and a channel client with its key. */
  async platform(code = `shop-${++counter}-${Date.now().toString(36)}`): Promise<{ id: string; code: string; channel: GraphQLClient }> {
    const { createPlatform } = await this.admin.data<{ createPlatform: { id: string } }>(
      `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id } }`,
      { input: { code, name: code, type: 'headless', currency: 'EUR', locale: 'es-ES' } },
    );
    const { createPlatformKey } = await this.admin.data<{ createPlatformKey: { secret: string } }>(
      `mutation($id: ID!) { createPlatformKey(platformId: $id, label: "test") { secret } }`,
      { id: createPlatform.id },
    );
    return { id: createPlatform.id, code, channel: this.env.channelClient(createPlatformKey.secret) };
  }

  async category(handle: string, name: string, parentId: string | null = null): Promise<string> {
    const r = await this.admin.data<{ createCategory: { id: string } }>(`mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`, { input: { handle, name, parentId } });
    return r.createCategory.id;
  }

  async collection(handle: string, title: string): Promise<string> {
    const r = await this.admin.data<{ createCollection: { id: string } }>(`mutation($input: CreateCollectionInput!) { createCollection(input: $input) { id } }`, { input: { handle, title } });
    return r.createCollection.id;
  }

  async attribute(code: string, type: string, options: { appliesTo?: string; filterable?: boolean; values?: string[] } = {}): Promise<void> {
    await this.admin.data(`mutation($input: CreateAttributeDefinitionInput!) { createAttributeDefinition(input: $input) { id } }`, {
      input: { code, label: code[0]!.toUpperCase() + code.slice(1), type, filterable: options.filterable ?? true, appliesTo: options.appliesTo ?? 'PRODUCT', options: options.values },
    });
  }

  /** Creates a product; returns its id and its variants' ids by SKU. */
  async product(input: Record<string, unknown>, platformIds: string[] = []): Promise<{ id: string; variants: Record<string, string> }> {
    const r = await this.admin.data<{ createProduct: { id: string; variants: { id: string; sku: string }[] } }>(
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { id variants { id sku } } }`,
      { input: { status: 'ACTIVE', ...input } },
    );
    if (platformIds.length > 0) {
      await this.admin.data(`mutation($input: PublishProductInput!) { publishProduct(input: $input) { id } }`, { input: { productId: r.createProduct.id, platformIds } });
    }
    return { id: r.createProduct.id, variants: Object.fromEntries(r.createProduct.variants.map((v) => [v.sku, v.id])) };
  }

  /** An EUR price list linked to the platforms. */
  async priceList(code: string, platformIds: string[]): Promise<string> {
    const r = await this.admin.data<{ createPriceList: { id: string } }>(`mutation($input: CreatePriceListInput!) { createPriceList(input: $input) { id } }`, { input: { code, name: code, currency: 'EUR' } });
    for (const platformId of platformIds) {
      await this.admin.data(`mutation($p: ID!, $l: ID) { setPlatformPricing(platformId: $p, priceListId: $l, pricesIncludeTax: true) { pricesIncludeTax } }`, { p: platformId, l: r.createPriceList.id });
    }
    return r.createPriceList.id;
  }

  async prices(priceListId: string, prices: { variantId: string; amount: number }[]): Promise<void> {
    await this.admin.data(`mutation($id: ID!, $prices: [PriceInput!]!) { setPrices(priceListId: $id, prices: $prices) { id } }`, { id: priceListId, prices });
  }

  private get db(): Knex {
    return this.env.plaza.db;
  }

  /** A stock location linked to the platform with a safety stock. */
  async location(platformId: string, safetyStock = 0): Promise<string> {
    const id = newId('loc');
    const now = Date.now();
    await this.db('inventory_location').insert({ id, code: `loc-${++counter}`, name: `Store ${counter}`, type: 'store', status: 'active', time_zone: 'Europe/Madrid', created_at: now, updated_at: now });
    await this.db('inventory_platform_location').insert({ platform_id: platformId, location_id: id, position: counter, safety_stock: safetyStock });
    return id;
  }

  /** Sets a stock level (directly: the inventory module's ledger is tested by the inventory module). */
  async stock(variantId: string, locationId: string, onHand: number, reserved = 0): Promise<void> {
    await this.db('inventory_level').insert({ variant_id: variantId, location_id: locationId, on_hand: onHand, reserved, updated_at: Date.now() });
  }
}
