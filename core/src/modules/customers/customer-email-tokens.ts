import type { Ctx } from '../../kernel/context.js';
import { PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { epochMillis } from '../../db/epoch-column.js';
import { hashSecretToken, newSecretToken } from '../roles/secret-token.js';
import { CustomerTables as T } from './customer.migrations.js';

/** The one-time tokens sent by e-mail, with their prefix and lifetime. */
export const EmailTokenKinds = {
  verify_email: { prefix: 'pzv_', ttlMs: 24 * 3_600_000 },
  reset_password: { prefix: 'pzr_', ttlMs: 3_600_000 },
} as const;

/** What an e-mailed token is for. */
export type EmailTokenKind = keyof typeof EmailTokenKinds;

/** A token just issued (the secret goes only into the delivery event). */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A token consumed: whose it was and the e-mail it was sent to. */
export interface ConsumedToken {
  customerId: string;
  email: string | null;
}

interface TokenRow {
  id: string;
  customer_id: string;
  kind: string;
  email: string | null;
  expires_at: number | string;
  used_at: number | string | null;
}

/** Issues a one-time token for `customerId`, stored only as its sha256. */
export async function issueEmailToken(ctx: Ctx, customerId: string, kind: EmailTokenKind, email: string): Promise<IssuedToken> {
  const { prefix, ttlMs } = EmailTokenKinds[kind];
  const token = newSecretToken(prefix);
  const now = Date.now();
  await ctx.db(T.token).insert({ id: newId('ctk'), customer_id: customerId, kind, token_hash: hashSecretToken(token), email, created_at: now, expires_at: now + ttlMs, used_at: null });
  return { token, expiresAt: new Date(now + ttlMs) };
}

function tokenError(reason: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_USED'): PlazaError {
  const message = {
    TOKEN_INVALID: 'This link is not valid; ask for a new e-mail',
    TOKEN_EXPIRED: 'This link has expired; ask for a new e-mail',
    TOKEN_USED: 'This link was already used; ask for a new e-mail',
  }[reason];
  return new PlazaError('BAD_USER_INPUT', message, { reason, fields: [{ path: 'token', message: message.split(';')[0]! }] });
}

/**
 * Uses a token once (inside the caller's transaction): BAD_USER_INPUT TOKEN_INVALID (unknown,
 * another kind, or not `customerId`'s when given), TOKEN_EXPIRED or TOKEN_USED otherwise.
 */
export async function consumeEmailToken(ctx: Ctx, token: string, kind: EmailTokenKind, customerId?: string): Promise<ConsumedToken> {
  const row = (await ctx.db(T.token).where('token_hash', hashSecretToken(token)).first('id', 'customer_id', 'kind', 'email', 'expires_at', 'used_at')) as TokenRow | undefined;
  if (!row || row.kind !== kind || (customerId !== undefined && row.customer_id !== customerId)) throw tokenError('TOKEN_INVALID');
  if (row.used_at !== null) throw tokenError('TOKEN_USED');
  const now = Date.now();
  if (epochMillis(row.expires_at) <= now) throw tokenError('TOKEN_EXPIRED');
  const claimed = await ctx.db(T.token).where('id', row.id).whereNull('used_at').update({ used_at: now });
  if (claimed === 0) throw tokenError('TOKEN_USED');
  return { customerId: row.customer_id, email: row.email };
}

/** Marks every unused token of a kind of a customer as used (e.g. after a reset, the other reset links). */
export async function retireEmailTokens(ctx: Ctx, customerId: string, kind: EmailTokenKind): Promise<void> {
  await ctx.db(T.token).where({ customer_id: customerId, kind }).whereNull('used_at').update({ used_at: Date.now() });
}

/** At most this many e-mails of one kind per customer per hour (no mail-bombing through the reset form). */
export const EMAIL_TOKENS_PER_HOUR = 5;

/** Has the customer been sent {@link EMAIL_TOKENS_PER_HOUR} tokens of this kind in the last hour? */
export async function emailTokenQuotaUsed(ctx: Ctx, customerId: string, kind: EmailTokenKind, now = Date.now()): Promise<boolean> {
  const [{ n }] = (await ctx.db(T.token).where({ customer_id: customerId, kind }).where('created_at', '>', now - 3_600_000).count({ n: '*' })) as [{ n: number | string }];
  return Number(n) >= EMAIL_TOKENS_PER_HOUR;
}
