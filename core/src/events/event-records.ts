import type { DomainEvent } from '../kernel/plugin.js';
import { fromJson } from '../db/json-column.js';

/** Table names of the events subsystem. */
export const EventTables = {
  outbox: 'plaza_outbox',
  delivery: 'plaza_event_delivery',
  webhook: 'plaza_webhook_subscription',
  webhookAttempt: 'plaza_webhook_attempt',
} as const;

/** Who a delivery goes to: an in-process plugin subscriber or an outbound webhook. */
export type DeliveryTargetKind = 'subscriber' | 'webhook';

/** Where a delivery stands: waiting (or retrying), done, or dead-lettered. */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A row of `plaza_outbox` as the drivers return it. */
export interface OutboxRow {
  id: string;
  name: string;
  payload: unknown;
  platform_id: string | null;
  actor_id: string | null;
  occurred_at: number | string;
  fanned_out: boolean | number;
}

/** A row of `plaza_event_delivery` as the drivers return it. */
export interface DeliveryRow {
  id: string;
  event_id: string;
  target_kind: DeliveryTargetKind;
  target_id: string;
  status: DeliveryStatus;
  attempts: number | string;
  next_attempt_at: number | string | null;
  locked_until: number | string | null;
  lock_token: string | null;
  last_error: string | null;
  delivered_at: number | string | null;
  created_at: number | string;
  updated_at: number | string;
}

// Epoch-ms columns are read by the shared helpers (src/db/epoch-column.ts).
import { epochDateOrNull, epochMillis, epochMillisOrNull } from '../db/epoch-column.js';

/** Reads an epoch-ms column (number on SQLite, string on pg). */
export const toMillis = epochMillis;
/** {@link toMillis} for nullable columns. */
export const toMillisOrNull = epochMillisOrNull;
/** A nullable epoch-ms column as a Date. */
export const toDateOrNull = epochDateOrNull;

/** Turns an outbox row into the event subscribers receive. */
export function toDomainEvent(row: Pick<OutboxRow, 'id' | 'name' | 'payload' | 'platform_id' | 'actor_id' | 'occurred_at'>): DomainEvent {
  return {
    id: row.id,
    name: row.name,
    payload: fromJson(row.payload),
    platformId: row.platform_id,
    actorId: row.actor_id,
    occurredAt: new Date(toMillis(row.occurred_at)),
  };
}

/** Keeps an error message storable: at most `max` characters. */
export function errorText(error: unknown, max = 2000): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A row of `plaza_webhook_subscription` as the drivers return it. */
export interface WebhookSubscriptionRow {
  id: string;
  url: string;
  events: unknown;
  secret: string;
  active: boolean | number;
  description: string | null;
  created_at: number | string;
  updated_at: number | string;
}
