import { createHash, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { dialectOf } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { parsePickupCode } from './pickup-qr.js';

/** Wrong codes for one order before it locks. */
export const PICKUP_MAX_FAILURES = 5;
/** How long a locked order refuses codes. */
export const PICKUP_LOCK_MS = 15 * 60_000;

interface AttemptRow {
  order_id: string;
  failures: number;
  locked_until: number | string | null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time, case-insensitive comparison of two codes. */
export function codesMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given.trim().toUpperCase()), digest(expected.trim().toUpperCase()));
}

/**
 * Checks a pickup code (bare, or the QR content `NUMBER:CODE`) against the order's, with
 * throttling kept in a table: after {@link PICKUP_MAX_FAILURES} wrong codes the order refuses
 * every code for {@link PICKUP_LOCK_MS} (CONFLICT PICKUP_CODE_LOCKED). Wrong attempts are
 * counted in a transaction of their own, so they stick although the caller's request fails.
 * A right code clears the count.
 */
export async function verifyPickupCode(ctx: Ctx, order: { id: string; number: string; pickup_code: string | null }, raw: string, now = Date.now()): Promise<void> {
  const outcome = await inTransaction(ctx, async (trx) => {
    // Attempts of one order are serialised (row lock on PostgreSQL; SQLite has one writer), so
    // concurrent wrong codes cannot slip past the limit.
    await trx.db(T.pickupAttempt).insert({ order_id: order.id, failures: 0, locked_until: null, updated_at: now }).onConflict('order_id').ignore();
    const query = trx.db(T.pickupAttempt).where('order_id', order.id);
    if (dialectOf(trx.db) === 'postgres') query.forUpdate();
    const row = (await query.first()) as AttemptRow | undefined;
    const lockedUntil = row?.locked_until ? Number(row.locked_until) : 0;
    if (lockedUntil > now) return 'locked' as const;
    const { number, code } = parsePickupCode(raw);
    const numberOk = number === null || number === order.number.toUpperCase();
    const ok = Boolean(order.pickup_code) && codesMatch(code, order.pickup_code ?? '') && numberOk;
    if (ok) {
      await trx.db(T.pickupAttempt).where('order_id', order.id).delete();
      return 'ok' as const;
    }
    const failures = (lockedUntil && lockedUntil <= now ? 0 : Number(row?.failures ?? 0)) + 1;
    const locked = failures >= PICKUP_MAX_FAILURES ? now + PICKUP_LOCK_MS : null;
    await trx.db(T.pickupAttempt).where('order_id', order.id).update({ failures: locked ? 0 : failures, locked_until: locked, updated_at: now });
    return 'invalid' as const;
  });
  if (outcome === 'locked') throw errors.conflict('Too many wrong pickup codes for this order; try again in 15 minutes', 'PICKUP_CODE_LOCKED');
  if (outcome === 'invalid') throw errors.badInput('The pickup code is not right', [{ path: 'code', message: 'is not the pickup code of this order' }], 'PICKUP_CODE_INVALID');
}
