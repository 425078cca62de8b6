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

/**
 * Reads an epoch-milliseconds column. PostgreSQL returns `bigint` as a string (it may exceed
 * 2^53 in general; ours never does), SQLite as a number.
 */
export function toMillis(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** {@link toMillis} for nullable columns. */
export function toMillisOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : toMillis(value);
}

/** {@link toMillisOrNull} as a Date. */
export function toDateOrNull(value: number | string | null | undefined): Date | null {
  const ms = toMillisOrNull(value);
  return ms === null ? null : new Date(ms);
}

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
