import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { createLocation, createTestPlatform, createVariants, IQ, level, linkLocations, outboxEvents, receive, type TestPlatform } from './__tests__/inventory-harness.js';

type Change = { movement: { id: string; kind: string; quantity: number; platformId?: string | null }; level: { onHand: number; reserved: number; available: number } };

describe('stock operations through the admin API', () => {
  let env: TestEnvironment;
  let platform: TestPlatform;
  let store: string;
  let warehouse: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    platform = await createTestPlatform(env.adminClient);
    store = await createLocation(env, { code: 'ops-store', latitude: 40.42, longitude: -3.7 });
    warehouse = await createLocation(env, { code: 'ops-warehouse', type: 'WAREHOUSE', pickupEnabled: false });
    await linkLocations(env, platform.id, [{ locationId: store }, { locationId: warehouse }]);
  });
  afterAll(() => env?.close());

  it('an offline POS sale beyond stock is recorded below zero and raises inventory.negative_stock; without the flag it is OUT_OF_STOCK', async () => {
    const [variantId] = await createVariants(env);
    await receive(env, variantId!, store, 1);
    const refused = await env.adminClient.query(IQ.sell, { input: { lines: [{ variantId, locationId: store, quantity: 3 }], platformId: platform.id } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_STOCK' });
    expect(await level(env, variantId!, store)).toMatchObject({ onHand: 1 });

    const input = { lines: [{ variantId, locationId: store, quantity: 3 }], platformId: platform.id, allowNegative: true, reference: { type: 'pos_ticket', id: 'T-1001' }, idempotencyKey: 'pos-T-1001' };
    const { recordStockSale } = await env.adminClient.data<{ recordStockSale: Change[] }>(IQ.sell, { input });
    expect(recordStockSale[0]).toMatchObject({ movement: { kind: 'SALE', quantity: -3, platformId: platform.id }, level: { onHand: -2, available: -2 } });
    // The POS syncs again (a retry): the sale is not booked twice.
    const replay = await env.adminClient.data<{ recordStockSale: Change[] }>(IQ.sell, { input });
    expect(replay.recordStockSale[0]!.movement.id).toBe(recordStockSale[0]!.movement.id);
    expect(await level(env, variantId!, store)).toMatchObject({ onHand: -2 });
    const events = (await outboxEvents<{ variantId: string; onHand: number; reference: unknown }>(env, 'inventory.negative_stock')).filter((e) => e.variantId === variantId);
    expect(events).toEqual([expect.objectContaining({ onHand: -2, reference: { type: 'pos_ticket', id: 'T-1001' } })]);
    expect((await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift)).inventoryDrift).toEqual([]);
  });

  it('countStock sets the counted quantity and books the difference as a count correction', async () => {
    const [variantId] = await createVariants(env);
    await receive(env, variantId!, store, 12);
    const counted = await env.adminClient.data<{ countStock: Change }>(IQ.count, { input: { variantId, locationId: store, countedQuantity: 9, reason: 'Cycle count aisle 4' } });
    expect(counted.countStock).toMatchObject({ movement: { kind: 'COUNT_CORRECTION', quantity: -3 }, level: { onHand: 9 } });
    const up = await env.adminClient.data<{ countStock: Change }>(IQ.count, { input: { variantId, locationId: store, countedQuantity: 11 } });
    expect(up.countStock.movement.quantity).toBe(2);
    const same = await env.adminClient.data<{ countStock: { movement: null; level: { onHand: number } } }>(IQ.count, { input: { variantId, locationId: store, countedQuantity: 11 } });
    expect(same.countStock).toMatchObject({ movement: null, level: { onHand: 11 } });
    const { stockMovements } = await env.adminClient.data<{ stockMovements: { edges: { node: { kind: string; quantity: number; reason: string | null } }[] } }>(IQ.movements, { filter: { variantId } });
    expect(stockMovements.edges.map((e) => [e.node.kind, e.node.quantity])).toEqual([['COUNT_CORRECTION', 2], ['COUNT_CORRECTION', -3], ['RECEIPT', 12]]);
    expect(stockMovements.edges[1]!.node.reason).toBe('Cycle count aisle 4');
  });

  it('adjustInventory books adjustments and damage, refuses to go below zero, and low stock is raised once per crossing', async () => {
    const [variantId] = await createVariants(env);
    await receive(env, variantId!, store, 10);
    await env.adminClient.data(IQ.threshold, { input: { variantId, locationId: store, threshold: 5 } });
    const damaged = await env.adminClient.data<{ adjustInventory: Change }>(IQ.adjust, { input: { variantId, locationId: store, delta: -4, kind: 'DAMAGE', reason: 'Water damage' } });
    expect(damaged.adjustInventory).toMatchObject({ movement: { kind: 'DAMAGE', quantity: -4 }, level: { onHand: 6 } });
    await env.adminClient.data(IQ.adjust, { input: { variantId, locationId: store, delta: -2, reason: 'Found missing' } });
    await env.adminClient.data(IQ.adjust, { input: { variantId, locationId: store, delta: -1, reason: 'Found missing' } });
    const low = () => outboxEvents<{ variantId: string; available: number }>(env, 'inventory.low_stock').then((all) => all.filter((e) => e.variantId === variantId));
    expect(await low()).toEqual([expect.objectContaining({ available: 4 })]);
    expect(await level(env, variantId!, store)).toMatchObject({ onHand: 3, lowStock: true });
    const { stockLevels } = await env.adminClient.data<{ stockLevels: { edges: { node: { variantId: string } }[] } }>(IQ.levels, { filter: { locationId: store, belowThreshold: true } });
    expect(stockLevels.edges.map((e) => e.node.variantId)).toContain(variantId);
    const named = await env.adminClient.data<{ stockLevels: { edges: { node: { variant: { id: string; sku: string }; location: { id: string; code: string } } }[] } }>(
      `query($filter: StockLevelFilter) { stockLevels(filter: $filter) { edges { node { variant { id sku } location { id code } } } } }`, { filter: { variantId, locationId: store } });
    expect(named.stockLevels.edges[0]!.node).toMatchObject({ variant: { id: variantId, sku: expect.any(String) }, location: { id: store, code: 'ops-store' } });
    // Back above the threshold, then below again: a second event.
    await receive(env, variantId!, store, 5);
    await env.adminClient.data(IQ.adjust, { input: { variantId, locationId: store, delta: -6, reason: 'Recount' } });
    expect(await low()).toHaveLength(2);

    const negative = await env.adminClient.query(IQ.adjust, { input: { variantId, locationId: store, delta: -100, reason: 'Oops' } });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ON_HAND_NEGATIVE' });
    const bad = await env.adminClient.query(IQ.adjust, { input: { variantId, locationId: store, delta: 3, kind: 'DAMAGE', reason: 'x' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await env.adminClient.query(IQ.receive, { input: { variantId: 'var_nope', locationId: store, quantity: 1 } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVENTORY_TARGET_UNKNOWN' });
  });

  it('transfers: requested (reserved at the source) → shipped → partially received → received; cancel before shipping', async () => {
    const [a, b] = await createVariants(env, 2);
    await receive(env, a!, warehouse, 10);
    await receive(env, b!, warehouse, 4);
    type Transfer = { id: string; status: string; lines: { variantId: string; quantity: number; quantityReceived: number; quantityRemaining: number }[] };
    const { createStockTransfer: t } = await env.adminClient.data<{ createStockTransfer: Transfer }>(IQ.createTransfer, {
      input: { sourceLocationId: warehouse, destinationLocationId: store, lines: [{ variantId: a, quantity: 6 }, { variantId: b, quantity: 4 }] },
    });
    expect(t.status).toBe('REQUESTED');
    expect(await level(env, a!, warehouse)).toMatchObject({ onHand: 10, reserved: 6, available: 4 });

    const shipped = await env.adminClient.data<{ shipStockTransfer: Transfer }>(IQ.shipTransfer, { id: t.id });
    expect(shipped.shipStockTransfer.status).toBe('SHIPPED');
    expect(await level(env, a!, warehouse)).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await level(env, b!, warehouse)).toMatchObject({ onHand: 0, reserved: 0 });
    const cannotCancel = await env.adminClient.query(IQ.cancelTransfer, { id: t.id });
    expect(cannotCancel.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TRANSFER_STATE' });

    const part = await env.adminClient.data<{ receiveStockTransfer: Transfer }>(IQ.receiveTransfer, { input: { transferId: t.id, lines: [{ variantId: a, quantity: 4 }] } });
    expect(part.receiveStockTransfer.status).toBe('PARTIALLY_RECEIVED');
    expect(part.receiveStockTransfer.lines.find((l) => l.variantId === a)).toMatchObject({ quantityReceived: 4, quantityRemaining: 2 });
    expect(await level(env, a!, store)).toMatchObject({ onHand: 4 });
    const over = await env.adminClient.query(IQ.receiveTransfer, { input: { transferId: t.id, lines: [{ variantId: a, quantity: 3 }] } });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TRANSFER_OVER_RECEIVED' });

    const rest = await env.adminClient.data<{ receiveStockTransfer: Transfer & { receivedAt: string | null } }>(IQ.receiveTransfer, { input: { transferId: t.id, lines: [{ variantId: a, quantity: 2 }, { variantId: b, quantity: 4 }] } });
    expect(rest.receiveStockTransfer).toMatchObject({ status: 'RECEIVED', receivedAt: expect.any(String) });
    expect(await level(env, a!, store)).toMatchObject({ onHand: 6 });
    expect(await level(env, b!, store)).toMatchObject({ onHand: 4 });
    const { stockMovements } = await env.adminClient.data<{ stockMovements: { edges: { node: { kind: string; quantity: number; locationId: string } }[] } }>(IQ.movements, { filter: { variantId: a, reference: { type: 'transfer', id: t.id } } });
    expect(stockMovements.edges.map((e) => [e.node.kind, e.node.quantity])).toEqual([['TRANSFER_IN', 2], ['TRANSFER_IN', 4], ['TRANSFER_OUT', -6]]);

    const { createStockTransfer: second } = await env.adminClient.data<{ createStockTransfer: Transfer }>(IQ.createTransfer, { input: { sourceLocationId: warehouse, destinationLocationId: store, lines: [{ variantId: a, quantity: 3 }] } });
    expect(await level(env, a!, warehouse)).toMatchObject({ reserved: 3 });
    const cancelled = await env.adminClient.data<{ cancelStockTransfer: Transfer }>(IQ.cancelTransfer, { id: second.id });
    expect(cancelled.cancelStockTransfer.status).toBe('CANCELLED');
    expect(await level(env, a!, warehouse)).toMatchObject({ onHand: 4, reserved: 0 });
    const tooMuch = await env.adminClient.query(IQ.createTransfer, { input: { sourceLocationId: warehouse, destinationLocationId: store, lines: [{ variantId: a, quantity: 99 }] } });
    expect(tooMuch.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
    const nowhere = await env.adminClient.query(IQ.createTransfer, { input: { sourceLocationId: warehouse, destinationLocationId: 'loc_nowhere', lines: [{ variantId: a, quantity: 1 }] } });
    expect(nowhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVENTORY_TARGET_UNKNOWN' });
    expect((await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift)).inventoryDrift).toEqual([]);
  });
});
