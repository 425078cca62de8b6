import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCtx } from '../../kernel/context.js';
import { createTestEnvironment, openExtraConnection, type TestEnvironment } from '../../testing/index.js';
import { channelCtx, createLocation, createTestPlatform, createVariants, IQ, level, linkLocations, outboxEvents, receive, type TestPlatform } from './__tests__/inventory-harness.js';
import { InventoryService } from './inventory.service.js';

describe('reservations: expiry, release exactly once, commit, idempotency', () => {
  let env: TestEnvironment;
  let platform: TestPlatform;
  let locationId: string;
  let service: InventoryService;
  const connections: Knex[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    platform = await createTestPlatform(env.adminClient);
    locationId = await createLocation(env, { code: 'resv-store', latitude: 40.42, longitude: -3.7 });
    await linkLocations(env, platform.id, [{ locationId }]);
    service = env.plaza.container.resolve(InventoryService);
    for (let i = 0; i < 3; i++) connections.push(openExtraConnection(env.database));
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.destroy()));
    await env?.close();
  });

  const expireNow = (ids: string[]) => env.plaza.db('inventory_reservation').whereIn('id', ids).update({ expires_at: Date.now() - 1000 });
  const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000 + 1000);

  it('the recurring job releases expired reservations, once, however often it runs; a later cancel changes nothing', async () => {
    const [variantId] = await createVariants(env);
    await receive(env, variantId!, locationId, 10);
    const ctx = channelCtx(env, platform.ref);
    const held = await service.reserve(ctx, { lines: [{ variantId: variantId!, locationId, quantity: 3 }], reference: { type: 'cart', id: 'cart-expiry' }, ttlSeconds: 600 });
    const kept = await service.reserve(ctx, { lines: [{ variantId: variantId!, locationId, quantity: 2 }], reference: { type: 'cart', id: 'cart-kept' }, ttlSeconds: 600 });
    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 10, reserved: 5 });

    await expireNow([held.reservations[0]!.id]);
    await env.runJobs(minutesFromNow(1));
    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
    await env.runJobs(minutesFromNow(2));
    await env.runJobs(minutesFromNow(3));
    expect(await level(env, variantId!, locationId)).toMatchObject({ reserved: 2 });

    const cancelled = await env.adminClient.data<{ cancelStockReservation: { status: string } }>(IQ.cancelReservation, { id: held.reservations[0]!.id });
    expect(cancelled.cancelStockReservation.status).toBe('EXPIRED');
    expect(await level(env, variantId!, locationId)).toMatchObject({ reserved: 2 });
    const released = (await outboxEvents<{ reservationId: string; reason: string }>(env, 'inventory.released')).filter((e) => e.reservationId === held.reservations[0]!.id);
    expect(released).toEqual([expect.objectContaining({ reason: 'expired' })]);
    expect(kept.reservations[0]!.status).toBe('active');
    expect((await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift)).inventoryDrift).toEqual([]);
  });

  it('racing expiry runs and cancels on separate connections give the units back exactly once', async () => {
    const [variantId] = await createVariants(env);
    await receive(env, variantId!, locationId, 20);
    const holds = [];
    for (let i = 0; i < 5; i++) {
      holds.push(await service.reserve(channelCtx(env, platform.ref), { lines: [{ variantId: variantId!, locationId, quantity: 2 }], reference: { type: 'cart', id: `race-${i}` }, ttlSeconds: 600 }));
    }
    const ids = holds.map((h) => h.reservations[0]!.id);
    await expireNow(ids);
    const systemOn = (db: Knex) => createCtx({ db, logger: env.plaza.logger, knownPermissions: new Set(env.plaza.registry.permissions.keys()) });
    await Promise.all([
      service.expireDue(systemOn(connections[0]!)),
      service.expireDue(systemOn(connections[1]!)),
      ...ids.map((id) => service.release(channelCtx(env, platform.ref, connections[2]), { reservationIds: [id] })),
    ]);
    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 20, reserved: 0, available: 20 });
    const events = (await outboxEvents<{ reservationId: string }>(env, 'inventory.released')).filter((e) => ids.includes(e.reservationId));
    expect(events).toHaveLength(5);
    expect((await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift)).inventoryDrift).toEqual([]);
  });

  it('commit turns a reservation into a sale movement; replays with the same idempotency key return the first result', async () => {
    const [variantId] = await createVariants(env);
    await receive(env, variantId!, locationId, 10);
    const ctx = channelCtx(env, platform.ref);
    const input = { lines: [{ variantId: variantId!, locationId, quantity: 4 }], reference: { type: 'order', id: 'ord-1' }, idempotencyKey: 'reserve-ord-1' };
    const first = await service.reserve(ctx, input);
    const replay = await service.reserve(ctx, input);
    expect(replay).toEqual(first);
    expect(await level(env, variantId!, locationId)).toMatchObject({ reserved: 4 });

    const committed = await service.commit(ctx, { reference: { type: 'order', id: 'ord-1' }, idempotencyKey: 'commit-ord-1' });
    const again = await service.commit(ctx, { reference: { type: 'order', id: 'ord-1' }, idempotencyKey: 'commit-ord-1' });
    expect(again).toEqual(committed);
    expect(committed.movements).toEqual([expect.objectContaining({ kind: 'sale', quantity: -4, platformId: platform.id, reference: { type: 'order', id: 'ord-1' } })]);
    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    // Committing again without a key is a no-op; releasing a committed reservation releases nothing.
    expect((await service.commit(ctx, { reference: { type: 'order', id: 'ord-1' } })).movements).toEqual([]);
    expect(await service.release(ctx, { reference: { type: 'order', id: 'ord-1' } })).toEqual([]);
    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 6, reserved: 0 });
    // A cart whose hold expired cannot be committed: the units are not held any more.
    const lapsed = await service.reserve(ctx, { lines: [{ variantId: variantId!, locationId, quantity: 1 }], reference: { type: 'cart', id: 'lapsed' }, ttlSeconds: 60 });
    await expireNow([lapsed.reservations[0]!.id]);
    await service.expireDue(env.plaza.systemCtx());
    await expect(service.commit(ctx, { reference: { type: 'cart', id: 'lapsed' } })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'RESERVATION_NOT_ACTIVE' });
    await expect(service.commit(ctx, { reservationIds: [lapsed.reservations[0]!.id] })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'RESERVATION_NOT_ACTIVE' });
    const { stockMovements } = await env.adminClient.data<{ stockMovements: { edges: { node: { kind: string; quantity: number } }[] } }>(IQ.movements, { filter: { variantId, kind: 'SALE' } });
    expect(stockMovements.edges.map((e) => e.node.quantity)).toEqual([-4]);
  });

  it('a platform reserves only at its own locations and only above its safety stock', async () => {
    const [variantId] = await createVariants(env);
    const elsewhere = await createLocation(env, { code: 'resv-elsewhere', latitude: 41.0, longitude: -3.0 });
    await receive(env, variantId!, locationId, 5);
    await receive(env, variantId!, elsewhere, 5);
    const buffered = await createTestPlatform(env.adminClient);
    await linkLocations(env, buffered.id, [{ locationId, safetyStock: 3 }]);
    const ctx = channelCtx(env, buffered.ref);
    await expect(service.reserve(ctx, { lines: [{ variantId: variantId!, locationId: elsewhere, quantity: 1 }], reference: { type: 'cart', id: 'x' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCATION_NOT_LINKED' });
    await expect(service.reserve(ctx, { lines: [{ variantId: variantId!, locationId, quantity: 3 }], reference: { type: 'cart', id: 'x' } })).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    await service.reserve(ctx, { lines: [{ variantId: variantId!, locationId, quantity: 2 }], reference: { type: 'cart', id: 'x' } });
    // The platform without a buffer can still take the rest.
    await service.reserve(channelCtx(env, platform.ref), { lines: [{ variantId: variantId!, locationId, quantity: 3 }], reference: { type: 'cart', id: 'y' } });
    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 5, reserved: 5 });
  });
});
