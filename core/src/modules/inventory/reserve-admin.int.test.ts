import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { createLocation, createTestPlatform, createVariants, level, linkLocations, receive } from './__tests__/inventory-harness.js';

const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { requestId reservations { id quantity status } } }`;

describe('admin reserveStock: staff hold units for a customer', () => {
  let env: TestEnvironment;
  let variantId: string;
  let locationId: string;
  let platformId: string;
  beforeAll(async () => {
    env = await createTestEnvironment();
    [variantId] = (await createVariants(env, 1)) as [string];
    locationId = await createLocation(env, { code: 'hold-store' });
    ({ id: platformId } = await createTestPlatform(env.adminClient));
    await linkLocations(env, platformId, [{ locationId, safetyStock: 1 }]);
    await receive(env, variantId, locationId, 5);
  });
  afterAll(() => env?.close());

  const input = (quantity: number, key?: string) => ({ lines: [{ variantId, locationId, quantity }], reference: { type: 'hold', id: 'call-4711' }, ttlSeconds: 600, platformId, ...(key ? { idempotencyKey: key } : {}) });

  it('holds units, replays a retried request, and refuses what the platform may not sell', async () => {
    const first = await env.adminClient.data<{ reserveStock: { requestId: string; reservations: { quantity: number; status: string }[] } }>(RESERVE, { input: input(3, 'hold-1') });
    expect(first.reserveStock.reservations).toMatchObject([{ quantity: 3, status: 'ACTIVE' }]);
    const replay = await env.adminClient.data<{ reserveStock: { requestId: string } }>(RESERVE, { input: input(3, 'hold-1') });
    expect(replay.reserveStock.requestId).toBe(first.reserveStock.requestId);
    expect(await level(env, variantId, locationId)).toMatchObject({ onHand: 5, reserved: 3 });

    // 5 on hand − 3 reserved − 1 safety stock = 1 sellable on this platform.
    const short = await env.adminClient.query(RESERVE, { input: input(2) });
    expect(short.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
    expect(await level(env, variantId, locationId)).toMatchObject({ reserved: 3 });
  });

  it('needs inventory.reserve at the location', async () => {
    const other = await createLocation(env, { code: 'hold-other' });
    const associate = await env.signIn({ roles: [{ permissions: ['inventory.reserve', 'inventory.read'], locationIds: [other] }] });
    const refused = await associate.query(RESERVE, { input: input(1) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
