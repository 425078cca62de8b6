import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import type { Actor, Ctx, PlatformRef } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { PluginScope } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { epochMillis } from '../../db/epoch-column.js';
import { hashSecretToken, newSecretToken } from '../roles/secret-token.js';
import { CustomerTables as T } from './customer.migrations.js';
import type { CustomerStatus } from './customer.records.js';

/** Prefix of customer session tokens (channel API bearer tokens). */
export const CUSTOMER_SESSION_PREFIX = 'pzc_';
/** A customer session lasts 30 days from sign-in (no sliding renewal). */
export const CUSTOMER_SESSION_MS = 30 * 86_400_000;

/** A session just opened: the bearer token (shown once) and when it ends. */
export interface OpenedSession {
  id: string;
  token: string;
  expiresAt: Date;
}

interface SessionLookupRow {
  id: string;
  customer_id: string;
  expires_at: number | string;
  revoked_at: number | string | null;
  status: CustomerStatus;
}

/**
 * Customer sign-in sessions on the channel API. Tokens (`pzc_…`) are stored only as their
 * sha256; a session ends 30 days after sign-in, on logout, when the password is reset or
 * changed (the other sessions), when its customer is merged into another (the customers
 * module's `customerData` deletes the merged customer's sessions) or erased.
 *
 * A session is valid on every platform of this Plaza (one retailer: the customer recognises the
 * brand, not the channel), whichever platform it was opened on.
 */
@injectable()
export class CustomerSessions {
  constructor(@inject(Tokens.Database) private readonly db: Knex) {}

  /** Opens a session for a customer (in the caller's transaction). */
  async open(ctx: Ctx, customerId: string, platformId: string | null): Promise<OpenedSession> {
    const token = newSecretToken(CUSTOMER_SESSION_PREFIX);
    const now = Date.now();
    const id = newId('csn');
    await ctx.db(T.session).insert({ id, customer_id: customerId, token_hash: hashSecretToken(token), platform_id: platformId, created_at: now, expires_at: now + CUSTOMER_SESSION_MS, revoked_at: null });
    return { id, token, expiresAt: new Date(now + CUSTOMER_SESSION_MS) };
  }

  /** Ends one session; false when it had already ended. */
  async revoke(ctx: Ctx, sessionId: string): Promise<boolean> {
    return (await ctx.db(T.session).where('id', sessionId).whereNull('revoked_at').update({ revoked_at: Date.now() })) > 0;
  }

  /** Ends every open session of a customer (except `exceptId`); returns how many. */
  async revokeAll(ctx: Ctx, customerId: string, exceptId?: string): Promise<number> {
    const query = ctx.db(T.session).where('customer_id', customerId).whereNull('revoked_at');
    if (exceptId) query.whereNot('id', exceptId);
    return query.update({ revoked_at: Date.now() });
  }

  /**
   * The customer actor of a bearer token: null when it is not a customer token (another
   * module may know it); UNAUTHENTICATED when it is one that no longer works. One indexed
   * query per request, no cache, so logout and revocation apply at once on every instance.
   */
  async resolve(token: string, now = Date.now()): Promise<Actor | null> {
    if (!token.startsWith(CUSTOMER_SESSION_PREFIX)) return null;
    const row = (await this.db(`${T.session} as s`)
      .join(`${T.customer} as c`, 'c.id', 's.customer_id')
      .where('s.token_hash', hashSecretToken(token))
      .first('s.id', 's.customer_id', 's.expires_at', 's.revoked_at', 'c.status')) as SessionLookupRow | undefined;
    if (!row) throw errors.unauthenticated('This customer session is not known; sign in again', 'CUSTOMER_SESSION_INVALID');
    if (row.revoked_at !== null) throw errors.unauthenticated('This customer session was signed out; sign in again', 'CUSTOMER_SESSION_REVOKED');
    if (epochMillis(row.expires_at) <= now) throw errors.unauthenticated('This customer session expired (a session lasts 30 days); sign in again', 'CUSTOMER_SESSION_EXPIRED');
    // A merge deletes the merged customer's sessions and erasure every session; refuse any left over.
    if (row.status !== 'active') throw errors.unauthenticated('This customer session is not known; sign in again', 'CUSTOMER_SESSION_INVALID');
    return { kind: 'customer', id: row.customer_id, grants: [], sessionId: row.id };
  }
}

const resolvers = new WeakMap<object, CustomerSessions>();

/**
 * The module's `auth.customerBearer` hook: a `pzc_` token → the customer actor
 * `{ kind: 'customer', id, grants: [], sessionId }`. Accepted on any platform of this Plaza.
 */
export function customerBearer(token: string, _platform: PlatformRef | null, scope: PluginScope): Promise<Actor | null> {
  let sessions = resolvers.get(scope.container);
  if (!sessions) resolvers.set(scope.container, (sessions = scope.container.resolve(CustomerSessions)));
  return sessions.resolve(token);
}

/** The signed-in customer of a channel request; UNAUTHENTICATED (CUSTOMER_AUTH_REQUIRED) otherwise. */
export function requireCustomer(ctx: Ctx): { id: string; sessionId: string | null } {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'customer') throw errors.unauthenticated('Sign in to your customer account to do this (Authorization: Bearer <token>)', 'CUSTOMER_AUTH_REQUIRED');
  return { id: actor.id, sessionId: actor.sessionId ?? null };
}
