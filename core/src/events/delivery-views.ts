import type { Knex } from 'knex';
import { fromJson } from '../db/json-column.js';
import { toConnection, type Connection, type PageRequest } from '../gateway/connection.js';
import { EventTables as T, toDateOrNull, toMillis, type DeliveryRow, type DeliveryStatus, type DeliveryTargetKind } from './event-records.js';

/** A delivery as staff see it: the event, the target, and where it stands. */
export interface EventDeliveryView {
  id: string;
  eventId: string;
  eventName: string;
  eventPayload: unknown;
  platformId: string | null;
  targetKind: DeliveryTargetKind;
  /** A subscriber id (`<plugin>#<event>`) or a webhook subscription id. */
  targetId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type ViewRow = DeliveryRow & { event_name: string; event_payload: unknown; platform_id: string | null };

function toView(row: ViewRow): EventDeliveryView {
  return {
    id: row.id,
    eventId: row.event_id,
    eventName: row.event_name,
    eventPayload: fromJson(row.event_payload),
    platformId: row.platform_id,
    targetKind: row.target_kind,
    targetId: row.target_id,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: toDateOrNull(row.next_attempt_at),
    lastError: row.last_error,
    deliveredAt: toDateOrNull(row.delivered_at),
    createdAt: new Date(toMillis(row.created_at)),
    updatedAt: new Date(toMillis(row.updated_at)),
  };
}

function selectViews(db: Knex | Knex.Transaction): Knex.QueryBuilder {
  return db(`${T.delivery} as d`)
    .join(`${T.outbox} as o`, 'o.id', 'd.event_id')
    .select('d.*', 'o.name as event_name', 'o.payload as event_payload', 'o.platform_id');
}

/** One delivery by id, or undefined. */
export async function findDeliveryView(db: Knex | Knex.Transaction, id: string): Promise<EventDeliveryView | undefined> {
  const row = (await selectViews(db).where('d.id', id).first()) as ViewRow | undefined;
  return row ? toView(row) : undefined;
}

/** A newest-first page of deliveries matching `filter` (`d.` columns). */
export async function pageOfDeliveries(
  db: Knex | Knex.Transaction,
  filter: Record<string, string>,
  page: PageRequest,
): Promise<Connection<EventDeliveryView>> {
  const query = selectViews(db)
    .where(Object.fromEntries(Object.entries(filter).map(([k, v]) => [`d.${k}`, v])))
    .orderBy('d.id', 'desc')
    .limit(page.size + 1);
  if (page.afterKey) query.where('d.id', '<', page.afterKey);
  const rows = (await query) as ViewRow[];
  return toConnection(rows.map(toView), page.size, (v) => v.id);
}

/**
 * Puts a dead delivery back in the queue: pending, due now, attempts reset (the last error
 * stays until the next attempt). Returns false when it is not dead.
 */
export async function requeueDeadDelivery(db: Knex | Knex.Transaction, id: string, now: number): Promise<boolean> {
  const updated = await db(T.delivery).where({ id, status: 'dead' }).update({
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    locked_until: null,
    lock_token: null,
    updated_at: now,
  });
  return updated === 1;
}
