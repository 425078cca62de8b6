import type { Knex } from 'knex';
import type { DomainEvent } from '../kernel/plugin.js';
import { newId } from '../kernel/ids.js';
import { dialectOf } from '../db/database.js';
import { decideRetry, type RetryDecision, type RetryPolicy } from './retry-policy.js';
import { EventTables as T, errorText, toDomainEvent, type DeliveryTargetKind, type OutboxRow } from './event-records.js';

/** A due delivery this process holds a lease on, with its event. */
export interface ClaimedDelivery {
  id: string;
  targetKind: DeliveryTargetKind;
  targetId: string;
  /** Attempts made before this one. */
  attempts: number;
  /** Proves the lease: every update of the row is conditional on it. */
  lockToken: string;
  event: DomainEvent;
}

/** Options of {@link claimDueDeliveries}. */
export interface ClaimOptions {
  now: number;
  /** How long the claim holds; an expired lease (a crashed worker) is claimable again. */
  leaseMs: number;
  limit: number;
}

/**
 * Leases up to `limit` pending deliveries whose time has come and whose lease (if any) has
 * expired, with one conditional UPDATE: atomic on SQLite, and on PostgreSQL its sub-select
 * takes row locks with SKIP LOCKED, so concurrent dispatchers never claim the same row.
 */
export async function claimDueDeliveries(db: Knex, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const token = newId('lease');
  let due = db(T.delivery)
    .select('id')
    .where('status', 'pending')
    .where('next_attempt_at', '<=', options.now)
    .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<=', options.now))
    .orderBy('next_attempt_at')
    .limit(options.limit);
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
  const claimed = await db(T.delivery)
    .whereIn('id', due)
    .update({ locked_until: options.now + options.leaseMs, lock_token: token });
  if (claimed === 0) return [];
  const rows = (await db(`${T.delivery} as d`)
    .join(`${T.outbox} as o`, 'o.id', 'd.event_id')
    .where('d.lock_token', token)
    .orderBy('d.next_attempt_at')
    .select('d.id as delivery_id', 'd.target_kind', 'd.target_id', 'd.attempts', 'o.id', 'o.name', 'o.payload', 'o.platform_id', 'o.actor_id', 'o.occurred_at')) as (OutboxRow & {
    delivery_id: string;
    target_kind: DeliveryTargetKind;
    target_id: string;
    attempts: number | string;
  })[];
  return rows.map((r) => ({
    id: r.delivery_id,
    targetKind: r.target_kind,
    targetId: r.target_id,
    attempts: Number(r.attempts),
    lockToken: token,
    event: toDomainEvent(r),
  }));
}

/**
 * Marks a claimed delivery delivered. Returns false when the lease was lost (another worker
 * took the row after it expired, or it is no longer pending): the caller must then undo.
 */
export async function markDelivered(db: Knex | Knex.Transaction, claim: ClaimedDelivery, now: number): Promise<boolean> {
  const updated = await db(T.delivery).where({ id: claim.id, lock_token: claim.lockToken, status: 'pending' }).update({
    status: 'delivered',
    attempts: claim.attempts + 1,
    delivered_at: now,
    next_attempt_at: null,
    locked_until: null,
    lock_token: null,
    last_error: null,
    updated_at: now,
  });
  return updated === 1;
}

/**
 * Records a failed attempt: schedules the retry with exponential backoff, or dead-letters
 * the delivery once the policy's attempts are spent (or at once when `dead` is set, for
 * failures no retry can fix). Returns the decision and the attempt count.
 */
export async function markFailed(
  db: Knex | Knex.Transaction,
  claim: ClaimedDelivery,
  error: unknown,
  policy: RetryPolicy,
  now: number,
  dead = false,
): Promise<RetryDecision & { attempts: number }> {
  const attempts = claim.attempts + 1;
  const decision: RetryDecision = dead ? { kind: 'dead' } : decideRetry(attempts, policy);
  await db(T.delivery)
    .where({ id: claim.id, lock_token: claim.lockToken, status: 'pending' })
    .update({
      status: decision.kind === 'dead' ? 'dead' : 'pending',
      attempts,
      next_attempt_at: decision.kind === 'dead' ? null : now + decision.delayMs,
      locked_until: null,
      lock_token: null,
      last_error: errorText(error),
      updated_at: now,
    });
  return { ...decision, attempts };
}
