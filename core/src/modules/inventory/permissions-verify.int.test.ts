import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInventory } from '../../cli/inventory-commands.js';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { createLocation, createVariants, IQ, level, receive } from './__tests__/inventory-harness.js';

type Errors = { errors?: { extensions?: Record<string, unknown> }[] };
const code = (r: Errors) => r.errors?.[0]?.extensions;

describe('location-scoped permissions', () => {
  let env: TestEnvironment;
  let storeA: string;
  let storeB: string;
  let warehouse: string;
  let variantId: string;
  let associateA: GraphQLClient;
  let managerA: GraphQLClient;

  beforeAll(async () => {
    env = await createTestEnvironment();
    storeA = await createLocation(env, { code: 'perm-store-a' });
    storeB = await createLocation(env, { code: 'perm-store-b' });
    warehouse = await createLocation(env, { code: 'perm-warehouse', type: 'WAREHOUSE', pickupEnabled: false });
    variantId = (await createVariants(env))[0]!;
    for (const l of [storeA, storeB, warehouse]) await receive(env, variantId!, l, 10);
    associateA = await env.signIn({ roles: [{ role: 'store-associate', locationIds: [storeA] }] });
    managerA = await env.signIn({ roles: [{ role: 'store-manager', locationIds: [storeA] }] });
  });
  afterAll(() => env?.close());

  it('a store associate adjusts, counts and receives only at their store, and lists only its stock', async () => {
    const adjust = (locationId: string) => associateA.query(IQ.adjust, { input: { variantId, locationId, delta: -1, reason: 'Broken' } });
    expect((await adjust(storeA)).errors).toBeUndefined();
    expect(code(await adjust(storeB))).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect(code(await associateA.query(IQ.count, { input: { variantId, locationId: storeB, countedQuantity: 0 } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect(code(await associateA.query(IQ.receive, { input: { variantId, locationId: warehouse, quantity: 1 } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(code(await associateA.query(IQ.level, { variantId, locationId: storeB }))).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect(await level(env, variantId!, storeB)).toMatchObject({ onHand: 10 });

    const { stockLevels } = await associateA.data<{ stockLevels: { edges: { node: { locationId: string } }[] } }>(IQ.levels, { filter: { variantId } });
    expect(stockLevels.edges.map((e) => e.node.locationId)).toEqual([storeA]);
    const { stockMovements } = await associateA.data<{ stockMovements: { edges: { node: { locationId: string } }[] } }>(IQ.movements, { filter: { variantId } });
    expect(new Set(stockMovements.edges.map((e) => e.node.locationId))).toEqual(new Set([storeA]));
    const owner = await env.adminClient.data<{ stockLevels: { edges: unknown[] } }>(IQ.levels, { filter: { variantId } });
    expect(owner.stockLevels.edges).toHaveLength(3);
    // Transfers are not an associate's job.
    expect(code(await associateA.query(IQ.createTransfer, { input: { sourceLocationId: warehouse, destinationLocationId: storeA, lines: [{ variantId, quantity: 1 }] } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
  });

  it('a store manager requests stock into their store but cannot ship it from the warehouse', async () => {
    const { createStockTransfer } = await managerA.data<{ createStockTransfer: { id: string } }>(IQ.createTransfer, { input: { sourceLocationId: warehouse, destinationLocationId: storeA, lines: [{ variantId, quantity: 2 }] } });
    expect(code(await managerA.query(IQ.shipTransfer, { id: createStockTransfer.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect(code(await managerA.query(IQ.createTransfer, { input: { sourceLocationId: warehouse, destinationLocationId: storeB, lines: [{ variantId, quantity: 1 }] } }))).toMatchObject({ code: 'FORBIDDEN' });
    await env.adminClient.data(IQ.shipTransfer, { id: createStockTransfer.id });
    const received = await managerA.data<{ receiveStockTransfer: { status: string } }>(IQ.receiveTransfer, { input: { transferId: createStockTransfer.id, lines: [{ variantId, quantity: 2 }] } });
    expect(received.receiveStockTransfer.status).toBe('RECEIVED');
  });

  it('staff without inventory permissions are refused; anonymous callers must sign in', async () => {
    expect(code(await env.limitedAdminClient.query(IQ.levels, {}))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    const reader = await env.signIn({ roles: [{ role: 'read-only' }] });
    expect((await reader.query(IQ.levels, {})).errors).toBeUndefined();
    expect(code(await reader.query(IQ.adjust, { input: { variantId, locationId: storeA, delta: 1, reason: 'x' } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(code(await env.anonymousAdminClient.query(IQ.levels, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('inventory:verify', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  async function runVerify(): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const exit = await verifyInventory({}, { DATABASE_URL: env.database.url, PLAZA_SECRET: 'verify-test-secret-0123456789', LOG_LEVEL: 'silent' }, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code: exit, out, err };
  }

  it('reports no drift on a consistent ledger, and each drifted level (exit code 1) after a raw SQL corruption', async () => {
    const location = await createLocation(env, { code: 'verify-store' });
    const [a, b] = await createVariants(env, 2);
    await receive(env, a!, location, 8);
    await receive(env, b!, location, 4);
    await env.adminClient.data(IQ.sell, { input: { lines: [{ variantId: a, locationId: location, quantity: 3 }] } });
    expect((await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift)).inventoryDrift).toEqual([]);
    expect(await runVerify()).toMatchObject({ code: 0, out: expect.stringContaining('No drift') });

    await env.plaza.db('inventory_level').where({ variant_id: a, location_id: location }).update({ on_hand: 9 });
    await env.plaza.db('inventory_level').where({ variant_id: b, location_id: location }).update({ reserved: 1 });
    const { inventoryDrift } = await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift);
    expect(inventoryDrift).toEqual(expect.arrayContaining([
      { variantId: a, locationId: location, onHand: 9, ledgerOnHand: 5, reserved: 0, activeReserved: 0 },
      { variantId: b, locationId: location, onHand: 4, ledgerOnHand: 4, reserved: 1, activeReserved: 0 },
    ]));
    expect(inventoryDrift).toHaveLength(2);
    const run = await runVerify();
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${a} @ ${location}: on hand 9, ledger says 5 (+4)`);
    expect(run.err).toContain(`${b} @ ${location}: reserved 1, active reservations say 0 (+1)`);
  });
});
