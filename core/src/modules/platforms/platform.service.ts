import { isUniqueViolation } from '../../db/unique-violation.js';
import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import { requirePlatform, type Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import type { PlatformTypeDefinition } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { toJson } from '../../db/json-column.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import type { Connection } from '../../gateway/connection.js';
import { PlatformKeyCache } from './platform-key.cache.js';
import { listPlatforms, type PlatformListArgs } from './platform-list.js';
import { PlatformPermission as P } from './platform.permissions.js';
import { PlatformTables as T } from './platform.migrations.js';
import { platformSummary, toPlatform, type Platform, type PlatformRow, type PlatformStatus } from './platform.records.js';
import { PlatformTokens } from './platform.tokens.js';
import { listPlatformTypes, type PlatformTypeView } from './platform-type.views.js';
import { validateCreate, validateUpdate, type PlatformChanges } from './platform-validation.js';
import type { CreatePlatformInput, UpdatePlatformInput } from './platform.inputs.js';

/** The platform a channel request speaks for, as the channel API shows it. */
export interface ChannelPlatform {
  id: string;
  code: string;
  name: string;
  type: string;
  currency: string;
  locale: string;
  capabilities: string[];
}

function codeTaken(code: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The code "${code}" is already used by another platform`, {
    reason: 'PLATFORM_CODE_TAKEN',
    fields: [{ path: 'code', message: 'is already used by another platform' }],
    cause,
  });
}

/**
 * Platforms (sales channel instances): read, create, edit, disable, enable. Permissions are
 * checked here with the platform as the target, so staff scoped to some platforms only see
 * and change those. Every write is audited and published in its transaction.
 */
@injectable()
export class PlatformService {
  constructor(
    @inject(Tokens.Plugins) private readonly registry: PluginRegistry,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(PlatformTokens.Audit) private readonly audit: AuditLog,
    @inject(PlatformKeyCache) private readonly cache: PlatformKeyCache,
  ) {}

  /** Every installed platform type with its settings form. Needs `platforms.read` somewhere. */
  types(ctx: Ctx): PlatformTypeView[] {
    requirePermission(ctx, P.Read);
    return listPlatformTypes(this.registry);
  }

  /** The installed type `code` (with its plugin), or undefined. */
  typeDefinition(code: string): (PlatformTypeDefinition & { plugin: string }) | undefined {
    return this.registry.platformTypes.get(code);
  }

  /** Is this platform type installed? (A platform may outlive the plugin of its type.) */
  typeAvailable(type: string): boolean {
    return this.registry.platformTypes.has(type);
  }

  /** The capabilities of a type; none when its plugin is not installed. */
  capabilities(type: string): string[] {
    return [...(this.registry.platformTypes.get(type)?.capabilities ?? [])];
  }

  /** One platform. FORBIDDEN outside the actor's scope, NOT_FOUND when it does not exist. */
  async get(ctx: Ctx, id: string): Promise<Platform> {
    requirePermission(ctx, P.Read, { platformId: id });
    return this.load(ctx, id);
  }

  /** A page of the platforms the actor may read, filtered and sorted. */
  async list(ctx: Ctx, args: PlatformListArgs): Promise<Connection<Platform>> {
    const actor = requirePermission(ctx, P.Read);
    return listPlatforms(ctx, args, permissionScope(actor, P.Read));
  }

  /** The ids among `ids` that are not platforms (no permission check: callers check their own). */
  async missing(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = new Set(((await ctx.db(T.platform).whereIn('id', unique).select('id')) as { id: string }[]).map((r) => r.id));
    return unique.filter((id) => !found.has(id));
  }

  /** Do all these platforms exist? (For role scopes; no permission check.) */
  async exists(ctx: Ctx, ids: readonly string[]): Promise<boolean> {
    return (await this.missing(ctx, ids)).length === 0;
  }

  /** The platform of a channel request (`ctx.platform`), with its name and capabilities. */
  async current(ctx: Ctx): Promise<ChannelPlatform> {
    const ref = requirePlatform(ctx);
    const name = this.cache.platform(ref.id)?.name ?? (await this.loadRow(ctx, ref.id))?.name ?? ref.code;
    return { ...ref, name, capabilities: this.capabilities(ref.type) };
  }

  /** Creates a platform. Needs `platforms.manage` for every platform (an unscoped grant). */
  async create(ctx: Ctx, input: CreatePlatformInput): Promise<Platform> {
    const actor = requirePermission(ctx, P.Manage);
    const scope = permissionScope(actor, P.Manage);
    if (!scope.all && !scope.unscopedPlatforms) {
      throw errors.forbidden(`Creating a platform needs "${P.Manage}" for all platforms; yours is limited to some`, 'SCOPE_MISSING');
    }
    const data = validateCreate(this.registry, input);
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.platform).where('code', data.code).first('id')) throw codeTaken(data.code);
      const now = Date.now();
      const row: PlatformRow = { id: newId('plat'), ...data, status: 'active', settings: toJson(data.settings), price_list_id: null, created_at: now, updated_at: now };
      try {
        await trx.db(T.platform).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(data.code, error);
        throw error;
      }
      const platform = toPlatform({ ...row, settings: data.settings });
      await this.audit.record(trx, { action: 'platform.created', entityType: 'platform', entityId: row.id, platformId: row.id, before: null, after: platformSummary(platform) });
      await this.events.publish(trx, 'platform.created', { platformId: row.id, code: row.code, type: row.type }, { platformId: row.id });
      return platform;
    });
  }

  /** Edits a platform's code, name, currency, locale or settings; fields left out keep their value. */
  async update(ctx: Ctx, input: UpdatePlatformInput): Promise<Platform> {
    const id = typeof input?.id === 'string' ? input.id : '';
    requirePermission(ctx, P.Manage, { platformId: id });
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, id);
      const changes = validateUpdate(this.registry, before, input);
      if (changes.code && (await trx.db(T.platform).where('code', changes.code).whereNot('id', id).first('id'))) throw codeTaken(changes.code);
      const changed = Object.keys(changes) as (keyof PlatformChanges)[];
      if (changed.length === 0) return before;
      const { settings, ...columns } = changes;
      try {
        await trx.db(T.platform).where('id', id).update({ ...columns, ...(settings ? { settings: toJson(settings) } : {}), updated_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error) && changes.code) throw codeTaken(changes.code, error);
        throw error;
      }
      const after = await this.load(trx, id);
      await this.audit.record(trx, { action: 'platform.updated', entityType: 'platform', entityId: id, platformId: id, before: platformSummary(before), after: platformSummary(after) });
      await this.events.publish(trx, 'platform.updated', { platformId: id, code: after.code, changed }, { platformId: id });
      afterCommit(trx.db, () => this.cache.forgetPlatform(id));
      return after;
    });
  }

  /** Disables a platform: its keys are refused at once (PLATFORM_DISABLED). Idempotent. */
  disable(ctx: Ctx, id: string): Promise<Platform> {
    return this.setStatus(ctx, id, 'disabled');
  }

  /** Enables a disabled platform again. Idempotent. */
  enable(ctx: Ctx, id: string): Promise<Platform> {
    return this.setStatus(ctx, id, 'active');
  }

  private async setStatus(ctx: Ctx, id: string, status: PlatformStatus): Promise<Platform> {
    requirePermission(ctx, P.Manage, { platformId: id });
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, id);
      if (before.status === status) return before;
      await trx.db(T.platform).where('id', id).update({ status, updated_at: Date.now() });
      const after = await this.load(trx, id);
      const verb = status === 'active' ? 'enabled' : 'disabled';
      await this.audit.record(trx, { action: `platform.${verb}`, entityType: 'platform', entityId: id, platformId: id, before: { status: before.status }, after: { status } });
      await this.events.publish(trx, `platform.${verb}`, { platformId: id, code: after.code }, { platformId: id });
      afterCommit(trx.db, () => this.cache.forgetPlatform(id));
      return after;
    });
  }

  private async loadRow(ctx: Ctx, id: string): Promise<PlatformRow | undefined> {
    return (await ctx.db(T.platform).where('id', id).first()) as PlatformRow | undefined;
  }

  private async load(ctx: Ctx, id: string): Promise<Platform> {
    const row = await this.loadRow(ctx, id);
    if (!row) throw errors.notFound('Platform', id);
    return toPlatform(row);
  }
}
