import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import { PlatformKeyCache } from './platform-key.cache.js';
import { generatePlatformKey, hashPlatformKey, platformKeyPrefix } from './platform-key.secret.js';
import { createKeyInput, invalidInput, parseFields } from './platform.inputs.js';
import { PlatformTables as T } from './platform.migrations.js';
import { PlatformPermission as P } from './platform.permissions.js';
import { keySummary, toPlatformKey, type IssuedPlatformKey, type PlatformKey, type PlatformKeyRow } from './platform.records.js';
import { PlatformTokens } from './platform.tokens.js';

/**
 * Publishable keys of platforms: issue (the secret is returned once, only its sha256 is
 * stored), list masked, revoke, rotate. Changes reach the key cache as soon as they commit.
 */
@injectable()
export class PlatformKeyService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(PlatformTokens.Audit) private readonly audit: AuditLog,
    @inject(PlatformKeyCache) private readonly cache: PlatformKeyCache,
  ) {}

  /** A platform's keys, newest first, masked. Needs `platforms.read` on the platform. */
  async list(ctx: Ctx, platformId: string): Promise<PlatformKey[]> {
    requirePermission(ctx, P.Read, { platformId });
    await this.requirePlatform(ctx, platformId);
    const rows = (await ctx.db(T.key).where('platform_id', platformId).orderBy('id', 'desc')) as PlatformKeyRow[];
    return rows.map(toPlatformKey);
  }

  /** Issues a key for a platform. Needs `platform_keys.manage` on it. The secret is shown this once. */
  async create(ctx: Ctx, platformId: string, label: string): Promise<IssuedPlatformKey> {
    requirePermission(ctx, P.KeysManage, { platformId });
    const { data, fields } = parseFields(createKeyInput, { platformId, label });
    if (!data) throw invalidInput(fields);
    return inTransaction(ctx, async (trx) => {
      await this.requirePlatform(trx, platformId);
      return this.issue(trx, platformId, data.label, null);
    });
  }

  /** Revokes a key: the next request with it is refused (PLATFORM_KEY_REVOKED). Idempotent. */
  async revoke(ctx: Ctx, id: string): Promise<PlatformKey> {
    return inTransaction(ctx, async (trx) => {
      const row = await this.loadForWrite(trx, id);
      if (row.revoked_at !== null) return toPlatformKey(row);
      const revoked = await this.markRevoked(trx, row, null);
      await this.audit.record(trx, { action: 'platform_key.revoked', entityType: 'platform_key', entityId: id, platformId: row.platform_id, before: keySummary(toPlatformKey(row)), after: keySummary(revoked) });
      return revoked;
    });
  }

  /**
   * Replaces a key: issues a new one with the same label and revokes the old one, in one
   * transaction. CONFLICT (PLATFORM_KEY_REVOKED) for a key already revoked.
   */
  async rotate(ctx: Ctx, id: string): Promise<IssuedPlatformKey> {
    return inTransaction(ctx, async (trx) => {
      const row = await this.loadForWrite(trx, id);
      if (row.revoked_at !== null) {
        throw new PlazaError('CONFLICT', 'This key is already revoked; issue a new key instead of rotating it', { reason: 'PLATFORM_KEY_REVOKED' });
      }
      const issued = await this.issue(trx, row.platform_id, row.label, id);
      const revoked = await this.markRevoked(trx, row, issued.key.id);
      await this.audit.record(trx, {
        action: 'platform_key.rotated',
        entityType: 'platform_key',
        entityId: id,
        platformId: row.platform_id,
        before: keySummary(toPlatformKey(row)),
        after: { ...keySummary(revoked), replacedBy: issued.key.id },
      });
      return issued;
    });
  }

  private async issue(trx: Ctx, platformId: string, label: string, rotatedFrom: string | null): Promise<IssuedPlatformKey> {
    const secret = generatePlatformKey();
    const row: PlatformKeyRow = {
      id: newId('pkey'),
      platform_id: platformId,
      label,
      key_hash: hashPlatformKey(secret),
      key_prefix: platformKeyPrefix(secret),
      created_at: Date.now(),
      created_by: trx.actor?.id ?? null,
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    await trx.db(T.key).insert(row);
    const key = toPlatformKey(row);
    await this.audit.record(trx, { action: 'platform_key.created', entityType: 'platform_key', entityId: row.id, platformId, before: null, after: { ...keySummary(key), rotatedFrom } });
    afterCommit(trx.db, () => this.cache.forgetKey(row.key_hash));
    return { key, secret };
  }

  private async markRevoked(trx: Ctx, row: PlatformKeyRow, rotatedTo: string | null): Promise<PlatformKey> {
    const revokedAt = Date.now();
    await trx.db(T.key).where('id', row.id).update({ revoked_at: revokedAt, revoked_by: trx.actor?.id ?? null });
    await this.events.publish(trx, 'platform_key.revoked', { platformId: row.platform_id, keyId: row.id, rotatedTo }, { platformId: row.platform_id });
    afterCommit(trx.db, () => this.cache.forgetKey(row.key_hash));
    return toPlatformKey({ ...row, revoked_at: revokedAt, revoked_by: trx.actor?.id ?? null });
  }

  /** The key, after checking `platform_keys.manage` on its platform (FORBIDDEN before NOT_FOUND for scoped staff). */
  private async loadForWrite(ctx: Ctx, id: string): Promise<PlatformKeyRow> {
    requirePermission(ctx, P.KeysManage);
    const row = (await ctx.db(T.key).where('id', id).first()) as PlatformKeyRow | undefined;
    if (!row) throw errors.notFound('Platform key', id);
    requirePermission(ctx, P.KeysManage, { platformId: row.platform_id });
    return row;
  }

  private async requirePlatform(ctx: Ctx, platformId: string): Promise<void> {
    if (!(await ctx.db(T.platform).where('id', platformId).first('id'))) throw errors.notFound('Platform', platformId);
  }
}
