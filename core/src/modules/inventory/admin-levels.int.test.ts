import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { createLocation, createVariants, receive } from './__tests__/inventory-harness.js';

const LEVELS = `query($variantId: ID) { stockLevels(first: 50, filter: { variantId: $variantId }) { edges { node { onHand location { id name } variant { sku } } } } }`;

describe('admin stock levels list', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  it("resolves the rows' locations and variants in one statement each, whatever the number of locations", async () => {
    const [variantId] = (await createVariants(env, 1)) as [string];
    const locations: string[] = [];
    for (let i = 0; i < 4; i++) locations.push(await createLocation(env, { code: `levels-${i}` }));
    for (const [i, locationId] of locations.entries()) await receive(env, variantId, locationId, i + 1);

    const { result, count, sql } = await countQueries(env.plaza.db, () => env.adminClient.data<{ stockLevels: { edges: { node: { onHand: number; location: { id: string; name: string } } }[] } }>(LEVELS, { variantId }));
    expect(result.stockLevels.edges.map((e) => e.node.location.name).sort()).toEqual(['levels-0', 'levels-1', 'levels-2', 'levels-3']);
    expect(sql.filter((s) => /from [`"]inventory_location[`"]/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /from [`"]catalog_variant[`"]/.test(s))).toHaveLength(1);
    expect(count).toBeLessThan(8);
  });
});
