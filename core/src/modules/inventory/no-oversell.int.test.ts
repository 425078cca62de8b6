import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlazaError } from '../../kernel/errors.js';
import { createTestEnvironment, openExtraConnection, type TestEnvironment } from '../../testing/index.js';
import { channelCtx, createLocation, createTestPlatform, createVariants, IQ, level, linkLocations, receive, type TestPlatform } from './__tests__/inventory-harness.js';
import { InventoryService } from './inventory.service.js';

describe('no oversell: concurrent reservations over separate connections', () => {
  let env: TestEnvironment;
  let platforms: TestPlatform[];
  let locationId: string;
  let variantId: string;
  const connections: Knex[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    platforms = [await createTestPlatform(env.adminClient), await createTestPlatform(env.adminClient), await createTestPlatform(env.adminClient)];
    locationId = await createLocation(env, { code: 'race-store', latitude: 40.42, longitude: -3.7 });
    for (const p of platforms) await linkLocations(env, p.id, [{ locationId }]);
    variantId = (await createVariants(env))[0]!;
    await receive(env, variantId!, locationId, 10);
    for (let i = 0; i < 6; i++) connections.push(openExtraConnection(env.database));
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.destroy()));
    await env?.close();
  });

  it('100 concurrent single-unit reservations from 3 platforms on 6 connections: exactly 10 succeed', async () => {
    const service = env.plaza.container.resolve(InventoryService);
    const attempts = Array.from({ length: 100 }, (_, i) => {
      const ctx = channelCtx(env, platforms[i % platforms.length]!.ref, connections[i % connections.length]);
      return service.reserve(ctx, { lines: [{ variantId: variantId!, locationId, quantity: 1 }], reference: { type: 'cart', id: `cart-${i}` }, ttlSeconds: 900 });
    });
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(90);
    for (const failure of lost) {
      expect(isPlazaError(failure.reason)).toBe(true);
      expect(failure.reason.code).toBe('OUT_OF_STOCK');
    }

    expect(await level(env, variantId!, locationId)).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    const { stockReservations } = await env.adminClient.data<{ stockReservations: { edges: { node: { status: string; quantity: number } }[] } }>(IQ.reservations, { filter: { variantId, status: 'ACTIVE' } });
    expect(stockReservations.edges).toHaveLength(10);
    // The ledger balances: on hand = sum(movements), reserved = sum(active reservations).
    expect((await env.adminClient.data<{ inventoryDrift: unknown[] }>(IQ.drift)).inventoryDrift).toEqual([]);
  });

  it('a multi-line request is all or nothing, and OUT_OF_STOCK names the short lines', async () => {
    const [a, b] = await createVariants(env, 2);
    await receive(env, a!, locationId, 5);
    await receive(env, b!, locationId, 1);
    const service = env.plaza.container.resolve(InventoryService);
    const ctx = channelCtx(env, platforms[0]!.ref);
    const error = await service
      .reserve(ctx, { lines: [{ variantId: a!, locationId, quantity: 2 }, { variantId: b!, locationId, quantity: 2 }], reference: { type: 'cart', id: 'multi' } })
      .catch((e: unknown) => e);
    expect(isPlazaError(error) && error.code).toBe('OUT_OF_STOCK');
    expect((error as { details: { lines: unknown[] } }).details.lines).toEqual([{ variantId: b, locationId, requested: 2, available: 1 }]);
    expect(await level(env, a!, locationId)).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await level(env, b!, locationId)).toMatchObject({ onHand: 1, reserved: 0 });
  });
});
