import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requireActor } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { AssignmentService } from './assignment.service.js';
import { LoginAttempts } from './login-attempts.js';
import { hashPassword, needsRehash } from './password-hash.js';
import { changePasswordInput, loginInput, parseInput } from './roles.inputs.js';
import { millis, RolesTables as T, type SessionRow, type StaffRow } from './roles.tables.js';
import { RolesTokens } from './roles.tokens.js';
import { auditSummary, toSessionView, toStaffView, type SessionView, type StaffMemberView } from './roles.views.js';
import { hashSecretToken, newSecretToken, SESSION_TOKEN_PREFIX } from './secret-token.js';
import { revokeSessionsOf, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-store.js';
import { StaffService } from './staff.service.js';

/** What a successful sign-in returns: the bearer token (shown once) and who signed in. */
export interface LoginResult {
  token: string;
  /** When the session ends at the latest (it also ends after 12 idle hours). */
  expiresAt: Date;
  session: SessionView;
  me: StaffMemberView;
}

/**
 * Staff sign-in sessions. `login` checks the password (scrypt) under the brute-force policy of
 * {@link LoginAttempts} and issues a `pzs_` token stored only as its sha256; sessions end after
 * 12 idle hours or 7 days, on logout, on revocation, when the password changes (other
 * sessions) and when the account is disabled.
 */
@injectable()
export class SessionService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
    @inject(StaffService) private readonly staff: StaffService,
    @inject(AssignmentService) private readonly assignments: AssignmentService,
    @inject(LoginAttempts) private readonly attempts: LoginAttempts,
  ) {}

  /** Signs a staff member in. UNAUTHENTICATED for a wrong email or password, RATE_LIMITED while locked. */
  async login(ctx: Ctx, input: { email: string; password: string }): Promise<LoginResult> {
    const data = parseInput(loginInput, input, 'LOGIN_INPUT_INVALID');
    const row = await this.attempts.check(ctx, data.email, data.password);
    if (row.status !== 'active') {
      throw new PlazaError('UNAUTHENTICATED', 'This staff account is disabled; ask an owner or a manager to enable it', { reason: 'ACCOUNT_DISABLED' });
    }
    const rehash = needsRehash(row.password_hash) ? await hashPassword(data.password) : null;
    const token = newSecretToken(SESSION_TOKEN_PREFIX);
    const now = Date.now();
    const session: SessionRow = { id: newId('ses'), staff_id: row.id, token_hash: hashSecretToken(token), ip: ctx.ip, created_at: now, last_used_at: now, expires_at: now + SESSION_ABSOLUTE_MS, revoked_at: null, revoked_reason: null };
    return inTransaction(ctx, async (tx) => {
      await tx.db(T.staff).where('id', row.id).update({ failed_login_count: 0, locked_until: null, last_login_at: now, ...(rehash ? { password_hash: rehash } : {}) });
      await tx.db(T.session).insert(session);
      const me = await this.staff.withAccess(tx, toStaffView({ ...row, failed_login_count: 0, locked_until: null, last_login_at: now }));
      return { token, expiresAt: new Date(millis(session.expires_at)), session: toSessionView(session, SESSION_IDLE_MS, session.id), me };
    });
  }

  /** Ends the current session. Returns false when the request did not come with a session. */
  async logout(ctx: Ctx): Promise<boolean> {
    const actor = requireActor(ctx);
    if (actor.kind !== 'staff' || !actor.sessionId) return false;
    const ended = await ctx.db(T.session).where('id', actor.sessionId).whereNull('revoked_at').update({ revoked_at: Date.now(), revoked_reason: 'logout' });
    return ended > 0;
  }

  /** Changes one's own password (the current one is required, under the sign-in brute-force policy) and ends every other session. */
  async changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<StaffMemberView> {
    const actor = this.requireStaff(ctx);
    const data = parseInput(changePasswordInput, input, 'PASSWORD_INPUT_INVALID');
    const row = (await ctx.db(T.staff).where('id', actor.id).first()) as StaffRow;
    // The same brute-force policy as sign-in: a stolen session cannot guess the password freely.
    await this.attempts.check(ctx, row.email, data.currentPassword).catch((error: unknown) => {
      if ((error as PlazaError).reason !== 'CREDENTIALS_INVALID') throw error;
      throw errors.badInput('The current password is not correct', [{ path: 'currentPassword', message: 'is not correct' }], 'PASSWORD_INCORRECT');
    });
    const hash = await hashPassword(data.newPassword);
    return inTransaction(ctx, async (tx) => {
      await tx.db(T.staff).where('id', actor.id).update({ password_hash: hash, updated_at: Date.now() });
      await revokeSessionsOf(tx, actor.id, 'password_changed', actor.sessionId);
      const view = toStaffView((await tx.db(T.staff).where('id', actor.id).first()) as StaffRow);
      await this.audit.record(tx, { action: 'staff.password_changed', entityType: 'staff', entityId: actor.id, after: auditSummary.staff(view) });
      await this.events.publish(tx, 'staff.password_changed', { staffId: actor.id });
      return view;
    });
  }

  /** One's own open sessions, newest first. */
  async mine(ctx: Ctx): Promise<SessionView[]> {
    const actor = this.requireStaff(ctx);
    const now = Date.now();
    const rows = (await ctx.db(T.session).where('staff_id', actor.id).whereNull('revoked_at').where('expires_at', '>', now).where('last_used_at', '>', now - SESSION_IDLE_MS).orderBy('id', 'desc').select('*')) as SessionRow[];
    return rows.map((r) => toSessionView(r, SESSION_IDLE_MS, actor.sessionId));
  }

  /** Ends a session: one's own, or another staff member's with `staff.manage` over them. */
  async revoke(ctx: Ctx, id: string): Promise<SessionView> {
    const actor = requireActor(ctx);
    return inTransaction(ctx, async (tx) => {
      const row = (await tx.db(T.session).where('id', id).first()) as SessionRow | undefined;
      if (!row || (row.staff_id !== actor.id && !(await this.canSee(tx, row.staff_id)))) throw errors.notFound('Session', id);
      if (row.staff_id !== actor.id) await this.assignments.requireManageable(tx, row.staff_id);
      if (row.revoked_at === null) await tx.db(T.session).where('id', id).update({ revoked_at: Date.now(), revoked_reason: 'revoked' });
      await this.audit.record(tx, { action: 'staff_session.revoked', entityType: 'staff_session', entityId: id, after: { staffId: row.staff_id } });
      return toSessionView(row, SESSION_IDLE_MS, actor.sessionId);
    });
  }

  private async canSee(ctx: Ctx, staffId: string): Promise<boolean> {
    return this.staff.get(ctx, staffId).then(
      () => true,
      () => false,
    );
  }

  private requireStaff(ctx: Ctx): { id: string; sessionId?: string } {
    const actor = requireActor(ctx);
    if (actor.kind !== 'staff') throw errors.forbidden('Only a signed-in staff member has a password and sessions', 'STAFF_ONLY');
    return actor;
  }
}
