import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { failureDelayMs, invalidCredentials, lockedError, LoginPolicy, sleep, UnknownEmailThrottle } from './login-throttle.js';
import { dummyPasswordHash, verifyPassword } from './password-hash.js';
import { millis, RolesTables as T, type StaffRow } from './roles.tables.js';
import { RolesTokens } from './roles.tokens.js';

/**
 * Checks an email and password under the brute-force policy ({@link LoginPolicy}). Failures are
 * counted on the staff row (`failed_login_count`, `locked_until`), or in memory for emails
 * that belong to no one — so both answer alike: same error, same delays, same lock, and a
 * password hash computed either way. Reaching the lock is audited (`staff.locked_out`).
 */
@injectable()
export class LoginAttempts {
  private readonly unknown = new UnknownEmailThrottle();

  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** The staff row when the password is right (whatever the account's status); throws otherwise. */
  async check(ctx: Ctx, email: string, password: string): Promise<StaffRow> {
    const now = Date.now();
    const row = (await ctx.db(T.staff).where('email', email).first()) as StaffRow | undefined;
    if (!row) return this.rejectUnknown(email, password, now);
    if (row.locked_until !== null && millis(row.locked_until) > now) throw lockedError(millis(row.locked_until), now);
    if (await verifyPassword(password, row.password_hash)) return row;
    const failures = await this.countFailure(ctx, row, now);
    if (failures >= LoginPolicy.lockAfter) throw lockedError(now + LoginPolicy.lockMs, now);
    await sleep(failureDelayMs(failures));
    throw invalidCredentials();
  }

  private async countFailure(ctx: Ctx, row: StaffRow, now: number): Promise<number> {
    return inTransaction(ctx, async (tx) => {
      await tx.db(T.staff).where('id', row.id).increment('failed_login_count', 1);
      const current = (await tx.db(T.staff).where('id', row.id).first('failed_login_count')) as { failed_login_count: number | string };
      const failures = Number(current.failed_login_count);
      if (failures >= LoginPolicy.lockAfter) {
        const lockedUntil = now + LoginPolicy.lockMs;
        await tx.db(T.staff).where('id', row.id).update({ locked_until: lockedUntil });
        await this.audit.record(tx, { action: 'staff.locked_out', entityType: 'staff', entityId: row.id, after: { email: row.email, failedSignIns: failures, lockedUntil: new Date(lockedUntil).toISOString() } });
        await this.events.publish(tx, 'staff.locked_out', { staffId: row.id, lockedUntil: new Date(lockedUntil).toISOString() });
      }
      return failures;
    });
  }

  private async rejectUnknown(email: string, password: string, now: number): Promise<never> {
    const lockedUntil = this.unknown.lockedUntil(email, now);
    if (lockedUntil !== null) throw lockedError(lockedUntil, now);
    await verifyPassword(password, await dummyPasswordHash());
    const attempt = this.unknown.fail(email, now);
    if (attempt.lockedUntil > now) throw lockedError(attempt.lockedUntil, now);
    await sleep(failureDelayMs(attempt.failures));
    throw invalidCredentials();
  }
}
