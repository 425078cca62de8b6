import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { DomainEvent } from '../kernel/plugin.js';
import { EventTables } from './event-records.js';
import { fakeClock, openEventsHarness, ORDER_PLACED, OTHER_HAPPENED, type EventsHarness } from './__tests__/events-harness.js';

describe('transactional outbox and dispatcher', () => {
  let database: TestDatabase;
  let h: EventsHarness;
  const opened: EventsHarness[] = [];

  const open = async (options?: Parameters<typeof openEventsHarness>[1]) => {
    const harness = await openEventsHarness(database.url, options);
    opened.push(harness);
    return harness;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    h = await open();
  });

  afterEach(async () => {
    for (const harness of opened.splice(0)) await harness.close().catch(() => undefined);
    await database.drop();
  });

  it('delivers an event published in a committed transaction exactly once, however often it runs', async () => {
    const id = await h.db.transaction((trx) => h.runtime.bus.publish(h.ctx(trx), ORDER_PLACED, { orderId: 'ord_1', total: 1250 }));
    expect(id).toMatch(/^evt_/);

    const second = await open(); // another process on the same database
    const heard: string[] = [];
    h.runtime.dispatcher.onEvent((e) => heard.push(e.id));
    second.runtime.dispatcher.onEvent((e) => heard.push(e.id));
    // Two connections to one SQLite file in one Node process cannot run at once: better-sqlite3
    // waits for a lock synchronously, blocking the event loop the lock holder needs. On
    // PostgreSQL both "processes" race for the same event.
    const racers = database.dialect === 'postgres' ? [h, h, second, second] : [h, h];
    const results = await Promise.all(racers.map((r) => r.runtime.dispatcher.runOnce()));
    for (let i = 0; i < 3; i++) results.push(await h.runtime.dispatcher.runOnce(), await second.runtime.dispatcher.runOnce());

    expect(results.reduce((n, r) => n + r.fannedOut, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(h.calls.length + second.calls.length).toBe(1);
    expect(await h.effects()).toEqual([id]);
    const delivered = [...h.calls, ...second.calls][0]!;
    expect(delivered).toMatchObject({ id, name: ORDER_PLACED, payload: { orderId: 'ord_1', total: 1250 }, actorId: 'system' });
    expect(delivered.occurredAt).toBeInstanceOf(Date);
    const rows = await h.db(EventTables.delivery).where('event_id', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered', target_id: 'test.events#test.order_placed' });
    expect(Number(rows[0].attempts)).toBe(1);
    // Only the process that fanned it out tells its listeners, once.
    expect(heard).toEqual([id]);
  });

  it('delivers each of many events exactly once while several dispatchers race', async () => {
    const others = [await open({ batchSize: 7 }), await open({ batchSize: 7 })];
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: `ord_${i}`, total: i }));
    const all = [h, ...others];
    for (let round = 0; round < 8; round++) {
      // On SQLite the passes of different connections must not overlap (see above).
      if (database.dialect === 'postgres') await Promise.all(all.flatMap((x) => [x.runtime.dispatcher.runOnce(), x.runtime.dispatcher.runOnce()]));
      else for (const x of all) await x.runtime.dispatcher.runOnce();
    }
    expect((await h.effects()).sort()).toEqual([...ids].sort());
    expect(all.reduce((n, x) => n + x.calls.length, 0)).toBe(40);
  });

  it('calls in-process listeners once per event, with the event', async () => {
    const seen: DomainEvent[] = [];
    const off = h.runtime.dispatcher.onEvent((e) => seen.push(e));
    h.runtime.dispatcher.onEvent(() => {
      throw new Error('a broken listener must not stop the others');
    });
    const id = await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'hi' });
    await h.runtime.dispatcher.runOnce();
    await h.runtime.dispatcher.runOnce();
    expect(seen.map((e) => [e.id, e.name, e.payload])).toEqual([[id, OTHER_HAPPENED, { note: 'hi' }]]);
    off();
    await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'again' });
    await h.runtime.dispatcher.runOnce();
    expect(seen).toHaveLength(1);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    await expect(
      h.db.transaction(async (trx) => {
        await h.runtime.bus.publish(h.ctx(trx), ORDER_PLACED, { orderId: 'ord_2', total: 1 });
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    const result = await h.runtime.dispatcher.runOnce();
    expect(result).toEqual({ fannedOut: 0, delivered: 0, failed: 0 });
    expect(h.calls).toHaveLength(0);
    expect(await h.db(EventTables.outbox).select('id')).toEqual([]);
  });

  it('rejects an undeclared event and a payload that does not match its schema, writing nothing', async () => {
    await expect(h.runtime.bus.publish(h.ctx(), 'test.ordr_placed', {})).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'EVENT_UNKNOWN',
      message: expect.stringContaining('"test.ordr_placed" is not declared'),
    });
    await expect(h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: 'ord_3', total: 'lots' })).rejects.toMatchObject({
      reason: 'EVENT_PAYLOAD_INVALID',
      message: expect.stringContaining('total'),
    });
    expect(await h.db(EventTables.outbox).select('id')).toEqual([]);
  });

  it('records the platform and actor of the publishing context', async () => {
    const staff = h.staff([]);
    const id = await h.runtime.bus.publish({ ...staff, platform: { id: 'plt_web', code: 'web', type: 'web', currency: 'EUR', locale: 'es' } }, OTHER_HAPPENED, {
      note: 'x',
    });
    const other = await h.runtime.bus.publish(staff, OTHER_HAPPENED, { note: 'y' }, { platformId: 'plt_pos' });
    const rows = await h.db(EventTables.outbox).whereIn('id', [id, other]).orderBy('id').select('platform_id', 'actor_id');
    expect(rows).toEqual([
      { platform_id: 'plt_web', actor_id: 'stf_test' },
      { platform_id: 'plt_pos', actor_id: 'stf_test' },
    ]);
  });

  it('loses nothing when the process dies between commit and delivery', async () => {
    const id = await h.db.transaction((trx) => h.runtime.bus.publish(h.ctx(trx), ORDER_PLACED, { orderId: 'ord_4', total: 10 }));
    await h.close(); // crash: nothing was dispatched
    const restarted = await open();
    const result = await restarted.runtime.dispatcher.runOnce();
    expect(result).toMatchObject({ fannedOut: 1, delivered: 1 });
    expect(restarted.calls.map((e) => e.id)).toEqual([id]);
    expect(await restarted.effects()).toEqual([id]);
  });

  it('takes over a delivery claimed by a worker that died, once its lease expires', async () => {
    const clock = fakeClock();
    const h2 = await open({ now: clock.now, leaseMs: 60_000 });
    const id = await h2.runtime.bus.publish(h2.ctx(), ORDER_PLACED, { orderId: 'ord_5', total: 10 });
    await h2.db(EventTables.outbox).update({ fanned_out: true }); // pretend a worker fanned out…
    await h2.db(EventTables.delivery).insert({
      id: 'dlv_crashed',
      event_id: id,
      target_kind: 'subscriber',
      target_id: 'test.events#test.order_placed',
      status: 'pending',
      attempts: 0,
      next_attempt_at: clock.now(),
      locked_until: clock.now() + 60_000, // …and claimed it, then died
      lock_token: 'lease_dead',
      created_at: clock.now(),
      updated_at: clock.now(),
    });
    expect(await h2.runtime.dispatcher.runOnce()).toEqual({ fannedOut: 0, delivered: 0, failed: 0 });
    clock.advance(60_001);
    expect(await h2.runtime.dispatcher.runOnce()).toEqual({ fannedOut: 0, delivered: 1, failed: 0 });
    expect(await h2.effects()).toEqual([id]);
  });

  it('dispatches on its own once started: woken by the commit, stopped cleanly', async () => {
    h.runtime.dispatcher.start();
    const id = await h.db.transaction((trx) => h.runtime.bus.publish(h.ctx(trx), ORDER_PLACED, { orderId: 'ord_6', total: 3 }));
    await vi.waitFor(async () => expect(await h.effects()).toEqual([id]), { timeout: 5_000, interval: 20 });
    await h.runtime.dispatcher.stop();
    await h.runtime.bus.publish(h.ctx(), ORDER_PLACED, { orderId: 'ord_7', total: 3 });
    await new Promise((r) => setTimeout(r, 150)); // longer than the poll interval
    expect(h.calls).toHaveLength(1);
  });
});
