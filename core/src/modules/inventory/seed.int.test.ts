import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { findDrift } from './inventory-drift.js';

describe('inventory seeds', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  it('demo: every demo variant has stock booked as receipts at the demo locations, some zero, some low; the ledger balances', async () => {
    await env.plaza.seed({ demo: true });
    const db = env.plaza.db;
    const variants = (await db('catalog_variant').select('id')) as { id: string }[];
    const locations = (await db('inventory_location').where('status', 'active').select('id', 'type')) as { id: string; type: string }[];
    expect(variants.length).toBeGreaterThan(0);
    expect(locations.length).toBeGreaterThan(0);
    const stocked = new Set(((await db('inventory_level').where('on_hand', '>', 0).distinct('variant_id')) as { variant_id: string }[]).map((r) => r.variant_id));
    expect(variants.every((v) => stocked.has(v.id))).toBe(true);
    const levels = Number(((await db('inventory_level').count({ n: '*' }).first()) as { n: number | string }).n);
    expect(levels).toBeLessThanOrEqual(variants.length * locations.length);
    const zeroPairs = variants.length * locations.length - Number(((await db('inventory_level').where('on_hand', '>', 0).count({ n: '*' }).first()) as { n: number | string }).n);
    expect(zeroPairs).toBeGreaterThan(0);
    const low = Number(((await db('inventory_level').whereNotNull('low_stock_threshold').whereRaw('on_hand - reserved < low_stock_threshold').count({ n: '*' }).first()) as { n: number | string }).n);
    expect(low).toBeGreaterThan(0);
    const kinds = (await db('inventory_movement').distinct('kind')) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['receipt']);
    expect(await findDrift(db)).toEqual([]);
    // Seeding again books nothing twice.
    const before = Number(((await db('inventory_movement').count({ n: '*' }).first()) as { n: number | string }).n);
    await env.plaza.seed({ demo: true });
    expect(Number(((await db('inventory_movement').count({ n: '*' }).first()) as { n: number | string }).n)).toBe(before);
  });

  it('scale: generated variants get levels with matching receipts', async () => {
    await env.plaza.seedScale({ products: 12, variantsPerProduct: 3, locations: 8, progress: () => undefined });
    const db = env.plaza.db;
    const generated = (await db('catalog_variant as v').join('catalog_product as p', 'p.id', 'v.product_id').where('p.handle', 'like', 'scale-%').select('v.id')) as { id: string }[];
    expect(generated).toHaveLength(36);
    const stockedScale = Number(((await db('inventory_level').whereIn('variant_id', generated.map((g) => g.id)).countDistinct({ n: 'variant_id' }).first()) as { n: number | string }).n);
    expect(stockedScale).toBe(36);
    const unstocked = await db('catalog_variant as v').whereNotExists(db('inventory_level as l').whereRaw('l.variant_id = v.id').select(db.raw('1'))).count({ n: '*' }).first();
    expect(Number((unstocked as { n: number | string }).n)).toBe(0);
    expect(await findDrift(db)).toEqual([]);
  });
});
