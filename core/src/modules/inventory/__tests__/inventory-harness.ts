import type { Knex } from 'knex';
import { createCtx, type Ctx, type PlatformRef } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';
import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';
import { createKey, createPlatform } from '../../platforms/__tests__/platforms-harness.js';

/** Admin and channel operations of the inventory module, as front ends send them. */
export const IQ = {
  level: `query($variantId: ID!, $locationId: ID!) { stockLevel(variantId: $variantId, locationId: $locationId) { variantId locationId onHand reserved available lowStockThreshold lowStock } }`,
  levels: `query($first: Int, $after: String, $filter: StockLevelFilter) { stockLevels(first: $first, after: $after, filter: $filter) { edges { node { variantId locationId onHand reserved available lowStock } } pageInfo { hasNextPage endCursor } } }`,
  movements: `query($first: Int, $filter: StockMovementFilter) { stockMovements(first: $first, filter: $filter) { edges { node { id variantId locationId kind quantity reason actorKind actorId platformId reference { type id } } } pageInfo { hasNextPage } } }`,
  reservations: `query($filter: StockReservationFilter) { stockReservations(first: 100, filter: $filter) { edges { node { id variantId locationId quantity status reference { type id } expiresAt } } } }`,
  drift: `{ inventoryDrift { variantId locationId onHand ledgerOnHand reserved activeReserved } }`,
  receive: `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { movement { id kind quantity } level { onHand reserved available lowStock } } }`,
  adjust: `mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { movement { id kind quantity reason } level { onHand available } } }`,
  count: `mutation($input: CountStockInput!) { countStock(input: $input) { movement { id kind quantity } level { onHand reserved available } } }`,
  threshold: `mutation($input: SetLowStockThresholdInput!) { setLowStockThreshold(input: $input) { lowStockThreshold lowStock available } }`,
  sell: `mutation($input: RecordStockSaleInput!) { recordStockSale(input: $input) { movement { id kind quantity platformId } level { onHand reserved available } } }`,
  cancelReservation: `mutation($id: ID!) { cancelStockReservation(id: $id) { id status } }`,
  createTransfer: `mutation($input: CreateStockTransferInput!) { createStockTransfer(input: $input) { id status lines { variantId quantity quantityReceived quantityRemaining } } }`,
  shipTransfer: `mutation($id: ID!) { shipStockTransfer(id: $id) { id status shippedAt } }`,
  receiveTransfer: `mutation($input: ReceiveStockTransferInput!) { receiveStockTransfer(input: $input) { id status receivedAt lines { variantId quantity quantityReceived quantityRemaining } } }`,
  cancelTransfer: `mutation($id: ID!) { cancelStockTransfer(id: $id) { id status } }`,
  storesNearby: `query($variantId: ID!, $near: GeoPointInput, $locationId: ID, $radiusKm: Float, $first: Int, $inStockOnly: Boolean) {
    storesNearby(variantId: $variantId, near: $near, locationId: $locationId, radiusKm: $radiusKm, first: $first, inStockOnly: $inStockOnly) { location { id code } distanceKm available openNow pickupReadyAt preparationMinutes }
  }`,
} as const;

/** A stock level as the tests read it. */
export interface LevelNode {
  variantId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number | null;
  lowStock: boolean;
}

/** A test platform with its channel key. */
export interface TestPlatform {
  id: string;
  code: string;
  key: string;
  ref: PlatformRef;
}

let products = 0;

/** Inserts a product with `count` variants straight into the catalog tables (the catalog's API is another module's test subject). */
export async function createVariants(env: TestEnvironment, count = 1): Promise<string[]> {
  const db = env.plaza.db;
  const now = Date.now();
  const productId = newId('prod');
  products += 1;
  await db('catalog_product').insert({ id: productId, handle: `inv-test-${products}-${now}`, title: `Stock test ${products}`, description: '', status: 'active', attributes: '{}', created_at: now, updated_at: now });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId('var');
    await db('catalog_variant').insert({ id, product_id: productId, sku: `INV-${productId}-${i}`, gtin: null, title: `Variant ${i}`, position: i, option_values: '{}', attributes: '{}', weight_grams: null, status: 'active', created_at: now, updated_at: now });
    ids.push(id);
  }
  return ids;
}

/** Creates a stock location through the admin API. */
export async function createLocation(env: TestEnvironment, input: { code: string; type?: string; latitude?: number; longitude?: number; pickupEnabled?: boolean; preparationMinutes?: number }): Promise<string> {
  const mutation = `mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { id } }`;
  const data = await env.adminClient.data<{ createStockLocation: { id: string } }>(mutation, {
    input: { name: input.code, timeZone: 'Europe/Madrid', type: input.type ?? 'STORE', pickupEnabled: input.pickupEnabled ?? true, ...input },
  });
  return data.createStockLocation.id;
}

/** Links a platform to locations (in this order) with safety stock, through the admin API. */
export async function linkLocations(env: TestEnvironment, platformId: string, locations: { locationId: string; safetyStock?: number }[]): Promise<void> {
  const mutation = `mutation($platformId: ID!, $locations: [PlatformLocationInput!]!) { setPlatformLocations(platformId: $platformId, locations: $locations) { position } }`;
  await env.adminClient.data(mutation, { platformId, locations });
}

/** Creates a headless platform with a key. */
export async function createTestPlatform(client: GraphQLClient): Promise<TestPlatform> {
  const platform = await createPlatform(client);
  const key = await createKey(client, platform.id);
  return { id: platform.id, code: platform.code, key: key.secret, ref: { id: platform.id, code: platform.code, type: 'headless', currency: 'EUR', locale: 'es-ES' } };
}

/** A channel context (a platform's front end, nobody signed in) on `db` — e.g. an extra connection. */
export function channelCtx(env: TestEnvironment, platform: PlatformRef, db: Knex = env.plaza.db): Ctx {
  return createCtx({ db, logger: env.plaza.logger, api: 'channel', actor: null, platform, knownPermissions: new Set(env.plaza.registry.permissions.keys()) });
}

/** Receives stock through the admin API. */
export async function receive(env: TestEnvironment, variantId: string, locationId: string, quantity: number): Promise<void> {
  await env.adminClient.data(IQ.receive, { input: { variantId, locationId, quantity } });
}

/** The level through the admin API. */
export async function level(env: TestEnvironment, variantId: string, locationId: string): Promise<LevelNode> {
  return (await env.adminClient.data<{ stockLevel: LevelNode }>(IQ.level, { variantId, locationId })).stockLevel;
}

/** Domain events of `name` in the outbox (payloads), oldest first. */
export async function outboxEvents<T = Record<string, unknown>>(env: TestEnvironment, name: string): Promise<T[]> {
  const rows = (await env.plaza.db('plaza_outbox').where('name', name).orderBy('id').select('payload')) as { payload: unknown }[];
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as T);
}
