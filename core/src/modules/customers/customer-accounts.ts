import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePlatform, SYSTEM_ACTOR, type Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { invalidCredentials } from '../roles/login-throttle.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../roles/password-hash.js';
import { changePasswordInput, customerLoginInput, passwordResetRequestInput, registerInput, resetPasswordInput, verifyEmailInput, type RegisterInput } from './customer-account.inputs.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerTokens } from './customer.tokens.js';
import { CustomerConsents } from './customer-consents.js';
import { consumeEmailToken, emailTokenQuotaUsed, issueEmailToken, retireEmailTokens } from './customer-email-tokens.js';
import { CustomerLoginThrottle } from './customer-login-throttle.js';
import { CustomerMergeService } from './customer-merge.js';
import { CustomerSessions, requireCustomer } from './customer-sessions.js';
import { findIdentities, insertCustomer, insertIdentity } from './customer-store.js';
import { maskIdentity, type NormalisedIdentity } from './identity-value.js';
import { suggestMerge } from './merge-suggestions.js';

/** A successful registration or sign-in: the bearer token (shown once) and whose it is. */
export interface CustomerSignIn {
  token: string;
  expiresAt: Date;
  customerId: string;
}

/** What verifying the account e-mail did with the address. */
export type EmailLink = 'added' | 'already_linked' | 'merged' | 'suggested';

interface AccountRow {
  customer_id: string;
  email: string | null;
  email_verified_at: number | string | null;
  password_hash: string | null;
  platform_id: string | null;
}

/** Verification and reset links are logged (token and customer id, never the e-mail) outside production. */
const logLinks = () => process.env.NODE_ENV !== 'production';

/**
 * Customer accounts on the channel API: register, verify the e-mail, sign in and out, reset
 * and change the password. An account's e-mail becomes an identity of its customer only once
 * verified — and verifying needs both the e-mailed token and the account's session, so neither
 * someone who registered with another person's address (no token) nor the mailbox owner alone
 * (no session) attaches the history of the customer known by that address to the account.
 * The mailbox owner takes such an account over with a password reset, which ends every session.
 */
@injectable()
export class CustomerAccounts {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CustomerTokens.Audit) private readonly audit: AuditLog,
    @inject(CustomerSessions) private readonly sessions: CustomerSessions,
    @inject(CustomerLoginThrottle) private readonly throttle: CustomerLoginThrottle,
    @inject(CustomerConsents) private readonly consents: CustomerConsents,
    @inject(CustomerMergeService) private readonly merges: CustomerMergeService,
  ) {}

  /**
   * Creates a new customer with an account on the request's platform, its e-mail unverified
   * (not an identity yet), and signs them in. CONFLICT EMAIL_TAKEN when an account has it.
   */
  async register(ctx: Ctx, input: RegisterInput): Promise<CustomerSignIn> {
    const platform = requirePlatform(ctx);
    const data = parseInput(registerInput, input, 'registration', 'REGISTRATION_INVALID');
    if (await this.accountByEmail(ctx, data.email)) throw this.emailTaken();
    const passwordHash = await hashPassword(data.password);
    return inTransaction(ctx, async (trx) => {
      const customer = await insertCustomer(trx, { firstName: data.firstName, lastName: data.lastName, locale: data.locale ?? platform.locale, platformId: platform.id });
      try {
        await trx.db(T.account).insert({ customer_id: customer.id, email: data.email, email_verified_at: null, password_hash: passwordHash, platform_id: platform.id, created_at: Date.now(), last_login_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error)) throw this.emailTaken(error);
        throw error;
      }
      const who = { customerId: customer.id, platformId: platform.id };
      await this.events.publish(trx, 'customer.created', { ...who, source: 'signup' }, { platformId: platform.id });
      await this.events.publish(trx, 'customer.registered', who, { platformId: platform.id });
      for (const consent of data.consents ?? []) await this.consents.record(trx, customer.id, consent, 'account', platform.id);
      await this.sendVerification(trx, customer.id, data.email, platform.id);
      await this.audit.record(trx, { action: 'customer.registered', entityType: 'customer', entityId: customer.id, platformId: platform.id });
      const session = await this.sessions.open(trx, customer.id, platform.id);
      return { token: session.token, expiresAt: session.expiresAt, customerId: customer.id };
    });
  }

  /** Sends a new verification e-mail to the signed-in customer (earlier links stop working). */
  async resendVerification(ctx: Ctx): Promise<boolean> {
    const me = requireCustomer(ctx);
    return inTransaction(ctx, async (trx) => {
      const account = await this.accountOf(trx, me.id);
      if (!account.email) return false;
      if (account.email_verified_at !== null) throw new PlazaError('CONFLICT', 'This e-mail address is already confirmed', { reason: 'EMAIL_ALREADY_VERIFIED' });
      if (await emailTokenQuotaUsed(trx, me.id, 'verify_email')) throw new PlazaError('RATE_LIMITED', 'Too many verification e-mails were sent in the last hour; try again later', { reason: 'EMAIL_QUOTA_USED' });
      await this.sendVerification(trx, me.id, account.email, ctx.platform?.id ?? account.platform_id);
      return true;
    });
  }

  /**
   * Confirms the signed-in customer's account e-mail with the token of the verification e-mail.
   * The address then becomes a verified identity of the customer; when another customer (a
   * guest who ordered, a POS customer) is known by it, that customer is merged into this one,
   * so their history attaches to the account — or, when both have accounts, staff get a merge
   * suggestion.
   */
  async verifyEmail(ctx: Ctx, token: string): Promise<EmailLink> {
    const me = requireCustomer(ctx);
    const data = parseInput(verifyEmailInput, { token }, 'verification', 'TOKEN_INVALID');
    return inTransaction(ctx, async (trx) => {
      const used = await consumeEmailToken(trx, data.token, 'verify_email', me.id);
      const account = await this.accountOf(trx, me.id);
      if (!account.email || used.email !== account.email) {
        throw new PlazaError('BAD_USER_INPUT', 'This link is for another e-mail address; ask for a new e-mail', { reason: 'TOKEN_INVALID', fields: [{ path: 'token', message: 'is for another e-mail address' }] });
      }
      const platformId = ctx.platform?.id ?? account.platform_id;
      if (account.email_verified_at === null) await trx.db(T.account).where('customer_id', me.id).update({ email_verified_at: Date.now() });
      const link = await this.linkEmail(trx, me.id, account.email, platformId);
      await this.events.publish(trx, 'customer.email_verified', { customerId: me.id, platformId }, { platformId });
      await this.audit.record(trx, { action: 'customer.email_verified', entityType: 'customer', entityId: me.id, platformId, after: { link } });
      return link;
    });
  }

  /** Signs a customer in. UNAUTHENTICATED (the same for an unknown e-mail and a wrong password), RATE_LIMITED while locked. */
  async login(ctx: Ctx, input: { email: string; password: string }): Promise<CustomerSignIn> {
    const data = parseInput(customerLoginInput, input, 'sign-in', 'LOGIN_INPUT_INVALID');
    this.throttle.check(data.email, ctx.ip);
    const account = await this.accountByEmail(ctx, data.email);
    const hash = account?.password_hash ?? (await dummyPasswordHash());
    const ok = (await verifyPassword(data.password, hash)) && Boolean(account?.password_hash);
    if (!account || !ok) {
      await this.throttle.fail(data.email, ctx.ip);
      throw invalidCredentials();
    }
    this.throttle.succeed(data.email, ctx.ip);
    const rehash = needsRehash(hash) ? await hashPassword(data.password) : null;
    return inTransaction(ctx, async (trx) => {
      await trx.db(T.account).where('customer_id', account.customer_id).update({ last_login_at: Date.now(), ...(rehash ? { password_hash: rehash } : {}) });
      const session = await this.sessions.open(trx, account.customer_id, ctx.platform?.id ?? null);
      return { token: session.token, expiresAt: session.expiresAt, customerId: account.customer_id };
    });
  }

  /** Ends the current session; false when there was none to end. */
  async logout(ctx: Ctx): Promise<boolean> {
    const me = requireCustomer(ctx);
    return me.sessionId ? this.sessions.revoke(ctx, me.sessionId) : false;
  }

  /**
   * Sends a password-reset e-mail when an account has this address (at most 5 an hour). Answers
   * the same whether or not one does, so it tells nobody which addresses have accounts.
   */
  async requestPasswordReset(ctx: Ctx, email: string): Promise<boolean> {
    const data = parseInput(passwordResetRequestInput, { email }, 'password reset', 'EMAIL_INVALID');
    const account = await this.accountByEmail(ctx, data.email);
    if (!account) return true;
    await inTransaction(ctx, async (trx) => {
      // Past the hourly quota the answer stays the same; the e-mail is just not sent again.
      if (await emailTokenQuotaUsed(trx, account.customer_id, 'reset_password')) return;
      await retireEmailTokens(trx, account.customer_id, 'reset_password');
      const issued = await issueEmailToken(trx, account.customer_id, 'reset_password', data.email);
      const platformId = ctx.platform?.id ?? account.platform_id;
      await this.events.publish(trx, 'customer.password_reset_requested', { customerId: account.customer_id, platformId, email: data.email, token: issued.token, expiresAt: issued.expiresAt.toISOString() }, { platformId });
      this.logLink(trx, 'password reset', account.customer_id, issued.token);
    });
    return true;
  }

  /** Sets a new password with a reset token; every session of the account ends. */
  async resetPassword(ctx: Ctx, input: { token: string; newPassword: string }): Promise<boolean> {
    const data = parseInput(resetPasswordInput, input, 'password reset', 'PASSWORD_RESET_INVALID');
    const passwordHash = await hashPassword(data.newPassword);
    return inTransaction(ctx, async (trx) => {
      const used = await consumeEmailToken(trx, data.token, 'reset_password');
      await trx.db(T.account).where('customer_id', used.customerId).update({ password_hash: passwordHash });
      await retireEmailTokens(trx, used.customerId, 'reset_password');
      const ended = await this.sessions.revokeAll(trx, used.customerId);
      await this.audit.record(trx, { action: 'customer.password_reset', entityType: 'customer', entityId: used.customerId, after: { sessionsEnded: ended } });
      return true;
    });
  }

  /** Changes the signed-in customer's password (the current one is required); their other sessions end. */
  async changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<boolean> {
    const me = requireCustomer(ctx);
    const data = parseInput(changePasswordInput, input, 'password change', 'PASSWORD_INPUT_INVALID');
    const account = await this.accountOf(ctx, me.id);
    const key = account.email ?? me.id;
    this.throttle.check(key, ctx.ip);
    if (!account.password_hash || !(await verifyPassword(data.currentPassword, account.password_hash))) {
      await this.throttle.fail(key, ctx.ip);
      throw errors.badInput('The current password is not correct', [{ path: 'currentPassword', message: 'is not correct' }], 'PASSWORD_INCORRECT');
    }
    const passwordHash = await hashPassword(data.newPassword);
    return inTransaction(ctx, async (trx) => {
      await trx.db(T.account).where('customer_id', me.id).update({ password_hash: passwordHash });
      const ended = await this.sessions.revokeAll(trx, me.id, me.sessionId ?? undefined);
      await this.audit.record(trx, { action: 'customer.password_changed', entityType: 'customer', entityId: me.id, after: { sessionsEnded: ended } });
      return true;
    });
  }

  private async linkEmail(ctx: Ctx, customerId: string, email: string, platformId: string | null): Promise<EmailLink> {
    const identity: NormalisedIdentity = { kind: 'email', namespace: '', value: email, verified: true };
    const [existing] = await findIdentities(ctx, [identity]);
    if (!existing) {
      const row = await insertIdentity(ctx, customerId, identity, platformId).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new PlazaError('CONFLICT', 'This e-mail address was just linked to another customer; try again', { reason: 'IDENTITY_RACE', cause: error });
        throw error;
      });
      await this.events.publish(ctx, 'customer.identity_linked', { customerId, platformId, identityId: row.id, kind: 'email', namespace: '', verified: true }, { platformId });
      return 'added';
    }
    if (existing.customerId !== customerId) {
      const otherAccount = await ctx.db(T.account).where('customer_id', existing.customerId).first('customer_id');
      if (otherAccount) {
        // Two accounts: only staff can tell which one the person keeps.
        await suggestMerge(ctx, this.events, customerId, existing.customerId, { kind: 'email', namespace: '', masked: maskIdentity(identity), verified: true, platformId, source: 'signup', at: new Date().toISOString() });
        return 'suggested';
      }
      // The guest (orders, POS sales, conversations…) becomes part of the account's customer.
      await this.merges.merge({ ...ctx, actor: SYSTEM_ACTOR }, customerId, existing.customerId);
    }
    if (!existing.verified) await ctx.db(T.identity).where('id', existing.id).update({ verified: true, verified_at: Date.now() });
    return existing.customerId === customerId ? 'already_linked' : 'merged';
  }

  private async sendVerification(ctx: Ctx, customerId: string, email: string, platformId: string | null): Promise<void> {
    await retireEmailTokens(ctx, customerId, 'verify_email');
    const issued = await issueEmailToken(ctx, customerId, 'verify_email', email);
    await this.events.publish(ctx, 'customer.email_verification_requested', { customerId, platformId, email, token: issued.token, expiresAt: issued.expiresAt.toISOString() }, { platformId });
    this.logLink(ctx, 'e-mail verification', customerId, issued.token);
  }

  private logLink(ctx: Ctx, what: string, customerId: string, token: string): void {
    if (!logLinks()) return;
    afterCommit(ctx.db, () => ctx.logger.info({ customerId, token }, `${what} token (development only: a mail plugin delivers it in production)`));
  }

  private async accountByEmail(ctx: Ctx, email: string): Promise<AccountRow | undefined> {
    return (await ctx.db(T.account).where('email', email).first('customer_id', 'email', 'email_verified_at', 'password_hash', 'platform_id')) as AccountRow | undefined;
  }

  private async accountOf(ctx: Ctx, customerId: string): Promise<AccountRow> {
    const row = (await ctx.db(T.account).where('customer_id', customerId).first('customer_id', 'email', 'email_verified_at', 'password_hash', 'platform_id')) as AccountRow | undefined;
    if (!row) throw errors.notFound('Customer account', customerId);
    return row;
  }

  private emailTaken(cause?: unknown): PlazaError {
    return new PlazaError('CONFLICT', 'An account with this e-mail address already exists; sign in, or reset the password', {
      reason: 'EMAIL_TAKEN',
      fields: [{ path: 'email', message: 'already has an account' }],
      cause,
    });
  }
}
