import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { EventTables } from './event-records.js';
import { fakeClock, openEventsHarness, ORDER_PLACED, recordEffect, type EventsHarness } from './__tests__/events-harness.js';

describe('subscriber retries and dead letters', () => {
  let database: TestDatabase;
  let h: EventsHarness;
  const clock = fakeClock();

  const delivery = async () => {
    const row = await h.db(EventTables.delivery).where('target_kind', 'subscriber').first();
    return { ...row, attempts: Number(row.attempts), next_attempt_at: row.next_attempt_at === null ? null : Number(row.next_attempt_at) };
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    h = await openEventsHarness(database.url, { now: clock.now, events: { maxAttempts: 3, backoffMs: 1000 } });
  });

  afterEach(async () => {
    await h.close();
    await database.drop();
  });

  it('retries a throwing subscriber with exponential backoff, dead-letters it, and retryDeadLetter brings it back', async () => {
    h.handler = async (event, ctx) => {
      await recordEffect(event, ctx); // rolled back with the failure
      throw new Error('warehouse API is down');
    };
    const id = await h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: 'ord_1', total: 5 });

    expect(await h.runtime.dispatcher.runOnce()).toEqual({ fannedOut: 1, delivered: 0, failed: 1 });
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: clock.now() + 1000, locked_until: null });
    expect((await delivery()).last_error).toContain('warehouse API is down');
    expect(await h.effects()).toEqual([]);

    clock.advance(999); // not due yet
    expect(await h.runtime.dispatcher.runOnce()).toEqual({ fannedOut: 0, delivered: 0, failed: 0 });
    clock.advance(1);
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ failed: 1 });
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: clock.now() + 2000 });

    clock.advance(2000);
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ failed: 1 });
    expect(await delivery()).toMatchObject({ status: 'dead', attempts: 3, next_attempt_at: null });
    expect(h.calls).toHaveLength(3);

    clock.advance(3_600_000); // dead letters are never picked up again
    expect(await h.runtime.dispatcher.runOnce()).toEqual({ fannedOut: 0, delivered: 0, failed: 0 });

    const staff = h.staff(['events.read', 'events.retry']);
    const page = await h.runtime.deadLetters.list(staff, { first: 10 });
    expect(page.edges).toHaveLength(1);
    const dead = page.edges[0]!.node;
    expect(dead).toMatchObject({ eventId: id, eventName: ORDER_PLACED, targetKind: 'subscriber', status: 'dead', attempts: 3 });
    expect(dead.lastError).toContain('warehouse API is down');
    expect(dead.eventPayload).toEqual({ orderId: 'ord_1', total: 5 });

    h.handler = recordEffect; // the warehouse is back
    const retried = await h.runtime.deadLetters.retry(staff, dead.id);
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(await h.effects()).toEqual([id]);
    expect(await delivery()).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
    expect((await h.runtime.deadLetters.list(staff)).edges).toEqual([]);
  });

  it('caps the backoff at one hour', async () => {
    await h.close();
    await database.drop();
    database = await createTestDatabase();
    h = await openEventsHarness(database.url, { now: clock.now, events: { maxAttempts: 30, backoffMs: 60_000 } });
    h.handler = async () => {
      throw new Error('still failing');
    };
    await h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: 'ord_2', total: 5 });
    for (let attempt = 1; attempt <= 8; attempt++) {
      await h.runtime.dispatcher.runOnce();
      const row = await delivery();
      expect(row.attempts).toBe(attempt);
      expect(row.next_attempt_at! - clock.now()).toBe(Math.min(3_600_000, 60_000 * 2 ** (attempt - 1)));
      clock.advance(row.next_attempt_at! - clock.now());
    }
  });

  it('checks permissions and refuses to retry what is not dead', async () => {
    await h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: 'ord_3', total: 5 });
    await h.runtime.dispatcher.runOnce();
    const { id } = await delivery();
    await expect(h.runtime.deadLetters.list(h.staff([]))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.runtime.deadLetters.retry(h.staff(['events.read']), id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.runtime.deadLetters.retry(h.staff(['events.retry']), id)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'DELIVERY_NOT_DEAD' });
    await expect(h.runtime.deadLetters.retry(h.staff(['events.retry']), 'dlv_missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages dead letters newest first with cursors', async () => {
    await h.close();
    h = await openEventsHarness(database.url, { now: clock.now, events: { maxAttempts: 1 } });
    h.handler = async () => {
      throw new Error('nope');
    };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: `ord_${i}`, total: i }));
    await h.runtime.dispatcher.runOnce();
    const staff = h.staff(['events.read']);
    const first = await h.runtime.deadLetters.list(staff, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await h.runtime.deadLetters.list(staff, { first: 2, after: first.pageInfo.endCursor });
    const third = await h.runtime.deadLetters.list(staff, { first: 2, after: second.pageInfo.endCursor });
    expect(third.pageInfo).toMatchObject({ hasNextPage: false });
    const seen = [...first.edges, ...second.edges, ...third.edges].map((e) => e.node.eventId);
    expect(seen).toEqual([...ids].reverse());
    await expect(h.runtime.deadLetters.list(staff, { first: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(h.runtime.deadLetters.list(staff, { after: '!!' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
