import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { describeScope, ungrantable } from './access-rules.js';
import { toGrant } from './grants.js';
import { createTokenInput, parseInput, type CreateTokenInput } from './roles.inputs.js';
import { RolesPermission as P } from './roles.permissions.js';
import { idsToText, RolesTables as T, type IntegrationTokenRow, type RoleRow } from './roles.tables.js';
import { assertScopeExists } from './scope-exists.js';
import { RolesTokens, type LocationDirectory, type PlatformDirectory } from './roles.tokens.js';
import { auditSummary, singlePlatform, toTokenView, type IntegrationTokenView } from './roles.views.js';
import { hashSecretToken, INTEGRATION_TOKEN_PREFIX, newSecretToken } from './secret-token.js';

/** A new integration token and its secret, shown only this once. */
export interface IntegrationTokenSecret {
  token: IntegrationTokenView;
  secret: string;
}

/**
 * Integration tokens: long-lived `pzi_` bearer tokens for scripts and integrations, each acting
 * with one role (optionally scoped to platforms/locations). Stored as a sha256 only; shown
 * once; revocable; they record when they were last used. Needs `integrations.manage`, and
 * the no-escalation rule applies: a token can only get permissions its creator holds there.
 */
@injectable()
export class IntegrationTokenService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
    @inject(RolesTokens.Platforms) private readonly platforms: PlatformDirectory,
    @inject(RolesTokens.Locations) private readonly locations: LocationDirectory,
  ) {}

  /** Issues a token; the returned secret is shown only here. */
  async create(ctx: Ctx, input: CreateTokenInput): Promise<IntegrationTokenSecret> {
    const actor = requirePermission(ctx, P.IntegrationsManage);
    const data = parseInput(createTokenInput, input, 'TOKEN_INPUT_INVALID');
    const platformIds = data.platformIds ? [...new Set(data.platformIds)].sort() : null;
    const locationIds = data.locationIds ? [...new Set(data.locationIds)].sort() : null;
    if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) {
      throw errors.badInput('expiresAt must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }], 'TOKEN_INPUT_INVALID');
    }
    return inTransaction(ctx, async (tx) => {
      const role = (await tx.db(T.role).where('id', data.roleId).first()) as RoleRow | undefined;
      if (!role) throw errors.badInput(`There is no role ${data.roleId}`, [{ path: 'roleId', message: 'no such role' }], 'ROLE_UNKNOWN');
      const missing = ungrantable(actor, toGrant(role.permissions, idsToText(platformIds), idsToText(locationIds)));
      if (missing.length > 0) {
        throw new PlazaError('FORBIDDEN', `A token can only get permissions you hold yourself for ${describeScope(platformIds, locationIds)}; you lack: ${missing.join(', ')}`, { reason: 'PERMISSION_ESCALATION', details: { missing } });
      }
      await assertScopeExists(tx, { platforms: this.platforms, locations: this.locations }, { platformIds: data.platformIds ?? null, locationIds: data.locationIds ?? null });
      const secret = newSecretToken(INTEGRATION_TOKEN_PREFIX);
      const row: IntegrationTokenRow = {
        id: newId('itk'),
        name: data.name,
        token_hash: hashSecretToken(secret),
        token_hint: secret.slice(-4),
        role_id: role.id,
        platform_ids: idsToText(platformIds),
        location_ids: idsToText(locationIds),
        created_by: tx.actor?.id ?? null,
        created_at: Date.now(),
        last_used_at: null,
        expires_at: data.expiresAt?.getTime() ?? null,
        revoked_at: null,
      };
      await tx.db(T.integrationToken).insert(row);
      const token = toTokenView(row);
      await this.audit.record(tx, { action: 'integration_token.created', entityType: 'integration_token', entityId: token.id, platformId: singlePlatform(platformIds), after: auditSummary.token(token) });
      await this.events.publish(tx, 'integration_token.created', { tokenId: token.id, roleId: role.id });
      return { token, secret };
    });
  }

  /** Every token (active first, then newest first). */
  async list(ctx: Ctx): Promise<IntegrationTokenView[]> {
    requirePermission(ctx, P.IntegrationsManage);
    const rows = (await ctx.db(T.integrationToken).select('*').orderBy('id', 'desc')) as IntegrationTokenRow[];
    const views = rows.map((r) => toTokenView(r));
    return [...views.filter((t) => t.status === 'active'), ...views.filter((t) => t.status !== 'active')];
  }

  /** Revokes a token: its next request is refused (TOKEN_REVOKED). Revoking twice is harmless. */
  async revoke(ctx: Ctx, id: string): Promise<IntegrationTokenView> {
    requirePermission(ctx, P.IntegrationsManage);
    return inTransaction(ctx, async (tx) => {
      const row = (await tx.db(T.integrationToken).where('id', id).first()) as IntegrationTokenRow | undefined;
      if (!row) throw errors.notFound('Integration token', id);
      if (row.revoked_at !== null) return toTokenView(row);
      const before = toTokenView(row);
      await tx.db(T.integrationToken).where('id', id).update({ revoked_at: Date.now() });
      const after = toTokenView((await tx.db(T.integrationToken).where('id', id).first()) as IntegrationTokenRow);
      await this.audit.record(tx, { action: 'integration_token.revoked', entityType: 'integration_token', entityId: id, platformId: singlePlatform(before.platformIds), before: auditSummary.token(before), after: { ...auditSummary.token(after), revokedAt: after.revokedAt?.toISOString() } });
      await this.events.publish(tx, 'integration_token.revoked', { tokenId: id, roleId: row.role_id });
      return after;
    });
  }
}
