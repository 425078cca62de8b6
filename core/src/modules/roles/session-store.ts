import type { Ctx } from '../../kernel/context.js';
import { RolesTables as T, type SessionRevokeReason } from './roles.tables.js';

/** A session ends 12 hours after its last request… */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** …and 7 days after sign-in at the latest. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60_000;
/** `last_used_at` is written at most once a minute per session (not on every request). */
export const TOUCH_INTERVAL_MS = 60_000;

/** Ends every open session of a staff member (except `exceptId`); returns how many. */
export async function revokeSessionsOf(ctx: Ctx, staffId: string, reason: SessionRevokeReason, exceptId?: string): Promise<number> {
  const query = ctx.db(T.session).where('staff_id', staffId).whereNull('revoked_at');
  if (exceptId) query.whereNot('id', exceptId);
  return query.update({ revoked_at: Date.now(), revoked_reason: reason });
}
