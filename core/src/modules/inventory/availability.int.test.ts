import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { channelCtx, createLocation, createTestPlatform, createVariants, IQ, linkLocations, receive, type TestPlatform } from './__tests__/inventory-harness.js';
import { InventoryService } from './inventory.service.js';

/** Great-circle distance, computed independently of the code under test. */
function haversine(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

const SOL = { latitude: 40.4169, longitude: -3.7035 };
const STORES = {
  granVia: { latitude: 40.4203, longitude: -3.7058 },
  salamanca: { latitude: 40.4297, longitude: -3.6862 },
  chamberi: { latitude: 40.4346, longitude: -3.7025 },
  mayor: { latitude: 40.4155, longitude: -3.7074 },
  toledo: { latitude: 39.8628, longitude: -4.0273 },
};

type Store = { location: { id: string; code: string }; distanceKm: number; available: number; openNow: boolean; pickupReadyAt: string | null; preparationMinutes: number };

describe('availability and stores near me, per platform after safety stock', () => {
  let env: TestEnvironment;
  let platform: TestPlatform;
  let other: TestPlatform;
  const ids: Record<keyof typeof STORES | 'warehouse', string> = {} as never;
  let variantId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    platform = await createTestPlatform(env.adminClient);
    other = await createTestPlatform(env.adminClient);
    for (const [name, point] of Object.entries(STORES)) ids[name as keyof typeof STORES] = await createLocation(env, { code: `near-${name.toLowerCase()}`, ...point, preparationMinutes: 30 });
    ids.warehouse = await createLocation(env, { code: 'near-warehouse', type: 'WAREHOUSE', latitude: 40.417, longitude: -3.7036, pickupEnabled: false });
    // The platform sells from four stores and the warehouse, with a buffer of 2 at Salamanca; not from Mayor.
    await linkLocations(env, platform.id, [
      { locationId: ids.warehouse },
      { locationId: ids.granVia },
      { locationId: ids.salamanca, safetyStock: 2 },
      { locationId: ids.chamberi },
      { locationId: ids.toledo },
    ]);
    await linkLocations(env, other.id, [{ locationId: ids.mayor }]);
    variantId = (await createVariants(env))[0]!;
    await receive(env, variantId!, ids.warehouse, 100);
    await receive(env, variantId!, ids.granVia, 5);
    await receive(env, variantId!, ids.salamanca, 3);
    await receive(env, variantId!, ids.mayor, 50);
    await receive(env, variantId!, ids.toledo, 7);
  });
  afterAll(() => env?.close());

  it('lists the platform\'s pickup stores nearest first, with haversine distances, safety stock applied and readiness', async () => {
    const { storesNearby } = await env.channelClient(platform.key).data<{ storesNearby: Store[] }>(IQ.storesNearby, { variantId, near: SOL });
    expect(storesNearby.map((s) => s.location.id)).toEqual([ids.granVia, ids.chamberi, ids.salamanca, ids.toledo]);
    for (const store of storesNearby) {
      const name = (Object.keys(STORES) as (keyof typeof STORES)[]).find((k) => ids[k] === store.location.id)!;
      expect(store.distanceKm).toBeCloseTo(haversine(SOL, STORES[name]), 6);
    }
    expect(storesNearby.map((s) => s.available)).toEqual([5, 0, 1, 7]);
    expect(storesNearby[0]).toMatchObject({ openNow: true, preparationMinutes: 30, pickupReadyAt: expect.any(String) });
    // Mayor is closest to Sol and full of stock, but this platform does not sell from it.
    expect(storesNearby.map((s) => s.location.id)).not.toContain(ids.mayor);

    const near = await env.channelClient(platform.key).data<{ storesNearby: Store[] }>(IQ.storesNearby, { variantId, near: SOL, radiusKm: 5, inStockOnly: true });
    expect(near.storesNearby.map((s) => s.location.id)).toEqual([ids.granVia, ids.salamanca]);
    const fromChosen = await env.channelClient(platform.key).data<{ storesNearby: Store[] }>(IQ.storesNearby, { variantId, locationId: ids.chamberi, first: 2 });
    expect(fromChosen.storesNearby.map((s) => s.location.id)).toEqual([ids.chamberi, ids.salamanca]);
    expect(fromChosen.storesNearby[0]!.distanceKm).toBe(0);

    const theirs = await env.channelClient(other.key).data<{ storesNearby: Store[] }>(IQ.storesNearby, { variantId, near: SOL });
    expect(theirs.storesNearby.map((s) => [s.location.id, s.available])).toEqual([[ids.mayor, 50]]);
  });

  it('availability is the sum over the platform\'s locations after safety stock, read in one SQL statement for many variants', async () => {
    const more = await createVariants(env, 19);
    for (const v of more.slice(0, 3)) await receive(env, v, ids.granVia, 2);
    const service = env.plaza.container.resolve(InventoryService);
    await service.availability(channelCtx(env, platform.ref), variantId!); // warms the platform's location cache
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    env.plaza.db.on('query', onQuery);
    try {
      const ctx = channelCtx(env, platform.ref);
      const all = await Promise.all([variantId!, ...more].map((v) => service.availability(ctx, v)));
      expect(all[0]).toMatchObject({ available: 100 + 5 + 1 + 7, inStock: true });
      expect(all[0]!.locations.map((l) => l.available)).toEqual([100, 5, 1, 0, 7]);
      expect(all.slice(1, 4).map((a) => a.available)).toEqual([2, 2, 2]);
      expect(all[5]).toMatchObject({ available: 0, inStock: false });
      expect(statements).toHaveLength(1);
    } finally {
      env.plaza.db.off('query', onQuery);
    }
  });

  it('a channel listing of 20 products with availability and inStock reads levels in ONE statement', async () => {
    const now = Date.now();
    const listed: string[][] = [];
    for (let i = 0; i < 20; i++) {
      const variants = await createVariants(env, 2);
      const productId = ((await env.plaza.db('catalog_variant').where('id', variants[0]).first('product_id')) as { product_id: string }).product_id;
      await env.plaza.db('catalog_product_platform').insert({ product_id: productId, platform_id: platform.id, published_at: now });
      if (i % 2 === 0) await receive(env, variants[1]!, ids.granVia, 3);
      listed.push(variants);
    }
    const query = `{ products(first: 20) { edges { node { id inStock variants { id availability { available inStock locations { location { id } available } } } } } } }`;
    await env.channelClient(platform.key).data(query); // warms the platform caches
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    env.plaza.db.on('query', onQuery);
    type Page = { products: { edges: { node: { id: string; inStock: boolean; variants: { id: string; availability: { available: number; locations: { location: { id: string }; available: number }[] } }[] } }[] } };
    let page: Page;
    try {
      page = await env.channelClient(platform.key).data<Page>(query);
    } finally {
      env.plaza.db.off('query', onQuery);
    }
    const nodes = page.products.edges.map((e) => e.node);
    expect(nodes).toHaveLength(20);
    const byVariant = new Map(nodes.flatMap((n) => n.variants.map((v) => [v.id, v.availability.available] as const)));
    for (const [i, [first, second]] of listed.entries()) {
      expect(byVariant.get(first!)).toBe(0);
      expect(byVariant.get(second!)).toBe(i % 2 === 0 ? 3 : 0);
    }
    const inStock = new Map(nodes.map((n) => [n.variants[0]!.id, n.inStock]));
    for (const [i, [first]] of listed.entries()) expect(inStock.get(first!)).toBe(i % 2 === 0);
    expect(nodes[0]!.variants[0]!.availability.locations.map((l) => l.location.id)).toEqual([ids.warehouse, ids.granVia, ids.salamanca, ids.chamberi, ids.toledo]);
    expect(statements.filter((sql) => /inventory_level/.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => /inventory_/.test(sql) && !/inventory_level/.test(sql))).toEqual([]);
  });
});
