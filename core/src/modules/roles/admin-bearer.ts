import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import type { Actor } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import { toGrant } from './grants.js';
import { millis, RolesTables as T, type DbMillis, type SessionRevokeReason, type StaffStatus } from './roles.tables.js';
import { hashSecretToken, INTEGRATION_TOKEN_PREFIX, SESSION_TOKEN_PREFIX } from './secret-token.js';
import { SESSION_IDLE_MS, TOUCH_INTERVAL_MS } from './session-store.js';

interface SessionGrantRow {
  session_id: string;
  staff_id: string;
  expires_at: DbMillis;
  last_used_at: DbMillis;
  revoked_reason: SessionRevokeReason | null;
  revoked_at: DbMillis | null;
  email: string;
  name: string;
  status: StaffStatus;
  assignment_id: string | null;
  platform_ids: string | null;
  location_ids: string | null;
  permissions: string | null;
}

interface TokenGrantRow {
  id: string;
  name: string;
  role_id: string | null;
  platform_ids: string | null;
  location_ids: string | null;
  last_used_at: DbMillis | null;
  expires_at: DbMillis | null;
  revoked_at: DbMillis | null;
  permissions: string | null;
}

const REVOKED_MESSAGES: Record<SessionRevokeReason, string> = {
  logout: 'This session was signed out; sign in again',
  revoked: 'This session was revoked; sign in again',
  password_changed: 'This session ended because the password was changed; sign in again',
  staff_disabled: 'This staff account is disabled; ask an owner or a manager to enable it',
};

/**
 * Turns an admin bearer token into an actor: `pzs_` session tokens into a staff actor, `pzi_`
 * integration tokens into an integration actor, each with the grants of its role assignments.
 * One indexed query per request (token hash → session ⋈ staff ⋈ assignments ⋈ roles), plus a
 * `last_used_at` write at most once a minute. No cache, so revocations, disabled accounts and
 * role changes apply on the very next request, on every instance. Other tokens: null.
 */
@injectable()
export class AdminBearerAuth {
  constructor(@inject(Tokens.Database) private readonly db: Knex) {}

  /** The actor of `token`; null when it is not a Plaza staff or integration token; UNAUTHENTICATED when it no longer works. */
  async resolve(token: string, now = Date.now()): Promise<Actor | null> {
    if (token.startsWith(SESSION_TOKEN_PREFIX)) return this.staff(token, now);
    if (token.startsWith(INTEGRATION_TOKEN_PREFIX)) return this.integration(token, now);
    return null;
  }

  private async staff(token: string, now: number): Promise<Actor> {
    const rows = (await this.db(`${T.session} as s`)
      .join(`${T.staff} as st`, 'st.id', 's.staff_id')
      .leftJoin(`${T.assignment} as a`, 'a.staff_id', 's.staff_id')
      .leftJoin(`${T.role} as r`, 'r.id', 'a.role_id')
      .where('s.token_hash', hashSecretToken(token))
      .select('s.id as session_id', 's.staff_id', 's.expires_at', 's.last_used_at', 's.revoked_at', 's.revoked_reason', 'st.email', 'st.name', 'st.status', 'a.id as assignment_id', 'a.platform_ids', 'a.location_ids', 'r.permissions')) as SessionGrantRow[];
    const first = rows[0];
    if (!first) throw errors.unauthenticated('This session token is not known; sign in again', 'SESSION_INVALID');
    if (first.revoked_at !== null) {
      const reason = first.revoked_reason ?? 'revoked';
      throw errors.unauthenticated(REVOKED_MESSAGES[reason], reason === 'staff_disabled' ? 'ACCOUNT_DISABLED' : 'SESSION_REVOKED');
    }
    if (first.status !== 'active') throw errors.unauthenticated(REVOKED_MESSAGES.staff_disabled, 'ACCOUNT_DISABLED');
    const lastUsed = millis(first.last_used_at);
    if (millis(first.expires_at) <= now) throw errors.unauthenticated('This session expired (a session lasts at most 7 days); sign in again', 'SESSION_EXPIRED');
    if (lastUsed + SESSION_IDLE_MS <= now) throw errors.unauthenticated('This session expired after 12 hours without use; sign in again', 'SESSION_EXPIRED');
    if (now - lastUsed >= TOUCH_INTERVAL_MS) await this.db(T.session).where('id', first.session_id).update({ last_used_at: now });
    return {
      kind: 'staff',
      id: first.staff_id,
      email: first.email,
      name: first.name,
      sessionId: first.session_id,
      grants: rows.filter((r) => r.assignment_id !== null).map((r) => toGrant(r.permissions, r.platform_ids, r.location_ids)),
    };
  }

  private async integration(token: string, now: number): Promise<Actor> {
    const row = (await this.db(`${T.integrationToken} as t`)
      .leftJoin(`${T.role} as r`, 'r.id', 't.role_id')
      .where('t.token_hash', hashSecretToken(token))
      .first('t.id', 't.name', 't.role_id', 't.platform_ids', 't.location_ids', 't.last_used_at', 't.expires_at', 't.revoked_at', 'r.permissions')) as TokenGrantRow | undefined;
    if (!row) throw errors.unauthenticated('This integration token is not known', 'TOKEN_INVALID');
    if (row.revoked_at !== null) throw errors.unauthenticated('This integration token was revoked; ask an administrator for a new one', 'TOKEN_REVOKED');
    if (row.expires_at !== null && millis(row.expires_at) <= now) throw errors.unauthenticated('This integration token has expired; ask an administrator for a new one', 'TOKEN_EXPIRED');
    if (row.last_used_at === null || now - millis(row.last_used_at) >= TOUCH_INTERVAL_MS) await this.db(T.integrationToken).where('id', row.id).update({ last_used_at: now });
    return {
      kind: 'integration',
      id: row.id,
      name: row.name,
      sessionId: row.id,
      grants: row.role_id ? [toGrant(row.permissions, row.platform_ids, row.location_ids)] : [],
    };
  }
}
