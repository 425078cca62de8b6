import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../../testing/index.js';
import { createLocation, createTestPlatform, createVariants, linkLocations, receive, type TestPlatform } from '../__tests__/inventory-harness.js';
import { SourcingStrategyToken, type SourcingStrategy } from './sourcing.js';

const SOL = { latitude: 40.4169, longitude: -3.7035 };

describe('sourcing: which locations fulfil an order', () => {
  let env: TestEnvironment;
  let platform: TestPlatform;
  let sourcing: SourcingStrategy;
  const loc: Record<'warehouse' | 'granVia' | 'toledo', string> = {} as never;
  let shirt: string;
  let mug: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    platform = await createTestPlatform(env.adminClient);
    loc.warehouse = await createLocation(env, { code: 'src-warehouse', type: 'WAREHOUSE', latitude: 40.43, longitude: -3.54, pickupEnabled: false });
    loc.granVia = await createLocation(env, { code: 'src-gran-via', latitude: 40.4203, longitude: -3.7058 });
    loc.toledo = await createLocation(env, { code: 'src-toledo', latitude: 39.8628, longitude: -4.0273 });
    // Platform order: warehouse first, then Toledo, then Gran Vía; 1 unit held back at Toledo.
    await linkLocations(env, platform.id, [{ locationId: loc.warehouse }, { locationId: loc.toledo, safetyStock: 1 }, { locationId: loc.granVia }]);
    [shirt, mug] = (await createVariants(env, 2)) as [string, string];
    await receive(env, shirt, loc.warehouse, 2);
    await receive(env, shirt, loc.granVia, 5);
    await receive(env, shirt, loc.toledo, 5);
    await receive(env, mug, loc.granVia, 1);
    await receive(env, mug, loc.toledo, 3);
    sourcing = env.plaza.container.resolve(SourcingStrategyToken);
  });
  afterAll(() => env?.close());

  const ctx = () => env.plaza.systemCtx();

  it('serves the whole order from the nearest location that has everything', async () => {
    const plan = await sourcing.plan(ctx(), { platformId: platform.id, mode: 'ship', destination: SOL, lines: [{ key: 'a', variantId: shirt, quantity: 2 }, { key: 'b', variantId: mug, quantity: 1 }] });
    expect(plan).toMatchObject({ complete: true, locationIds: [loc.granVia], shortages: [] });
    expect(plan.assignments).toEqual([
      { key: 'a', variantId: shirt, locationId: loc.granVia, quantity: 2 },
      { key: 'b', variantId: mug, locationId: loc.granVia, quantity: 1 },
    ]);
  });

  it('uses the platform order when the destination is unknown, after safety stock', async () => {
    const plan = await sourcing.plan(ctx(), { platformId: platform.id, mode: 'ship', lines: [{ key: 'a', variantId: shirt, quantity: 4 }, { key: 'b', variantId: mug, quantity: 2 }] });
    // The warehouse lacks both; Toledo has 5 − 1 shirts and 3 − 1 mugs: it comes before Gran Vía.
    expect(plan.locationIds).toEqual([loc.toledo]);
  });

  it('splits in the platform order when no single location can serve the order, and reports what is missing', async () => {
    const plan = await sourcing.plan(ctx(), { platformId: platform.id, mode: 'ship', destination: SOL, lines: [{ key: 'a', variantId: shirt, quantity: 12 }, { key: 'b', variantId: mug, quantity: 3 }] });
    expect(plan.assignments).toEqual([
      { key: 'a', variantId: shirt, locationId: loc.warehouse, quantity: 2 },
      { key: 'a', variantId: shirt, locationId: loc.toledo, quantity: 4 },
      { key: 'a', variantId: shirt, locationId: loc.granVia, quantity: 5 },
      { key: 'b', variantId: mug, locationId: loc.toledo, quantity: 2 },
      { key: 'b', variantId: mug, locationId: loc.granVia, quantity: 1 },
    ]);
    expect(plan).toMatchObject({ complete: false, shortages: [{ key: 'a', variantId: shirt, missing: 1 }] });
  });

  it('sources a pickup from the pickup location only', async () => {
    const ok = await sourcing.plan(ctx(), { platformId: platform.id, mode: 'pickup', pickupLocationId: loc.granVia, lines: [{ key: 'a', variantId: shirt, quantity: 3 }] });
    expect(ok).toMatchObject({ complete: true, locationIds: [loc.granVia] });
    const short = await sourcing.plan(ctx(), { platformId: platform.id, mode: 'pickup', pickupLocationId: loc.granVia, lines: [{ key: 'b', variantId: mug, quantity: 2 }] });
    expect(short).toMatchObject({ complete: false, assignments: [{ key: 'b', locationId: loc.granVia, quantity: 1 }], shortages: [{ key: 'b', missing: 1 }] });
  });
});
