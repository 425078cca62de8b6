import type { Knex } from 'knex';
import type { DomainEvent, SubscriberFilter } from '../kernel/plugin.js';
import { newId } from '../kernel/ids.js';
import { dialectOf } from '../db/database.js';
import { fromJson } from '../db/json-column.js';
import { EventTables as T, toDomainEvent, type OutboxRow } from './event-records.js';

/** What one fan-out pass needs: the subscriber ids per event name, the clock, a batch size. */
export interface FanOutOptions {
  subscribersByEvent: ReadonlyMap<string, readonly string[]>;
  /** Subscribers that choose, per batch, which of their events they want (see SubscriberFilter.relevant). */
  relevance?: ReadonlyMap<string, NonNullable<SubscriberFilter['relevant']>>;
  now: number;
  limit: number;
}

/** Does a webhook subscription's event list cover this event name? */
export function webhookMatches(events: readonly string[], name: string): boolean {
  return events.includes('*') || events.includes(name);
}

const INSERT_CHUNK = 50;

/**
 * Turns up to `limit` undispatched outbox events into delivery rows — one per subscriber of
 * the event's name and one per active webhook subscription that matches — in one
 * transaction. The first statement marks the events fanned out (UPDATE … RETURNING): on
 * SQLite taking the write lock first makes a concurrent process wait (busy timeout) instead
 * of failing a read-to-write lock upgrade; on PostgreSQL its sub-select skips rows another
 * process is fanning out (`FOR UPDATE SKIP LOCKED`). The unique (event, target) key makes a
 * repeated fan-out harmless. Returns the events fanned out, for in-process listeners.
 */
export async function fanOutPending(db: Knex, options: FanOutOptions): Promise<DomainEvent[]> {
  return db.transaction(async (trx) => {
    let pick = trx(T.outbox).select('id').where('fanned_out', false).orderBy('id').limit(options.limit);
    if (dialectOf(trx) === 'postgres') pick = pick.forUpdate().skipLocked();
    const rows = (await trx(T.outbox)
      .whereIn('id', pick)
      .update({ fanned_out: true }, ['id', 'name', 'payload', 'platform_id', 'actor_id', 'occurred_at'])) as OutboxRow[];
    if (rows.length === 0) return [];
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const hooks = (await trx(T.webhook).select('id', 'events').where('active', true)) as { id: string; events: unknown }[];
    const hookEvents = hooks.map((h) => ({ id: h.id, events: fromJson<string[]>(h.events) }));
    const deliveries: Record<string, unknown>[] = [];
    const row = (eventId: string, kind: 'subscriber' | 'webhook', targetId: string) => ({
      id: newId('dlv'),
      event_id: eventId,
      target_kind: kind,
      target_id: targetId,
      status: 'pending',
      attempts: 0,
      next_attempt_at: options.now,
      created_at: options.now,
      updated_at: options.now,
    });
    const events = rows.map(toDomainEvent);
    const wanted = await relevantEvents(trx, events, options);
    for (const event of rows) {
      for (const subscriberId of options.subscribersByEvent.get(event.name) ?? []) {
        if (wanted.get(subscriberId)?.has(event.id) === false) continue;
        deliveries.push(row(event.id, 'subscriber', subscriberId));
      }
      for (const hook of hookEvents) if (webhookMatches(hook.events, event.name)) deliveries.push(row(event.id, 'webhook', hook.id));
    }
    for (let i = 0; i < deliveries.length; i += INSERT_CHUNK) {
      await trx(T.delivery)
        .insert(deliveries.slice(i, i + INSERT_CHUNK))
        .onConflict(['event_id', 'target_kind', 'target_id'])
        .ignore();
    }
    return events;
  });
}

/** For each subscriber with a relevance filter and events in this batch: the ids it wants. */
async function relevantEvents(trx: Knex, events: DomainEvent[], options: FanOutOptions): Promise<Map<string, ReadonlySet<string>>> {
  const wanted = new Map<string, ReadonlySet<string>>();
  for (const [subscriberId, relevant] of options.relevance ?? []) {
    const mine = events.filter((e) => options.subscribersByEvent.get(e.name)?.includes(subscriberId));
    if (mine.length > 0) wanted.set(subscriberId, await relevant(trx, mine));
  }
  return wanted;
}
