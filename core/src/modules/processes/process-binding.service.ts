import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { ProcessKindDefinition } from '../../kernel/process-contributions.js';
import type { EventBus } from '../../events/event-bus.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import { PlatformService } from '../platforms/platform.service.js';
import { BindingResolver } from './binding-resolver.js';
import { ProcessCatalog } from './process-catalog.js';
import { ProcessTables as T } from './process.migrations.js';
import { ProcessPermission as P } from './process.permissions.js';
import { DEFAULT_SCOPE, toBinding, toVersion, type BindingRow, type ProcessBinding, type VersionRow } from './process.records.js';
import { ProcessTokens } from './process.tokens.js';

/** Which version a platform (null: the default) runs for a kind and mode. */
export interface BindInput {
  platformId?: string | null;
  kind: string;
  mode?: string | null;
  versionId: string;
}

/** The binding to remove (the platform then runs the default). */
export interface UnbindInput {
  platformId: string;
  kind: string;
  mode?: string | null;
}

/**
 * Bindings: each platform runs one published version per process kind and mode; platforms
 * without one run the default binding. Changing a binding affects new instances only.
 */
@injectable()
export class ProcessBindingService {
  constructor(
    @inject(ProcessCatalog) private readonly catalog: ProcessCatalog,
    @inject(PlatformService) private readonly platforms: PlatformService,
    @inject(BindingResolver) private readonly resolver: BindingResolver,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(ProcessTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** The bindings of one platform (and the defaults with `includeDefaults`), or all the actor may see. */
  async list(ctx: Ctx, filter: { platformId?: string | null; kind?: string | null } = {}): Promise<ProcessBinding[]> {
    const actor = requirePermission(ctx, P.Read, { platformId: filter.platformId ?? null });
    const query = ctx.db(T.binding).orderBy(['scope', 'kind', 'mode']);
    if (filter.platformId) query.whereIn('scope', [filter.platformId, DEFAULT_SCOPE]);
    if (filter.kind) query.where('kind', filter.kind);
    const scope = permissionScope(actor, P.Read);
    const rows = (await query) as BindingRow[];
    return rows.map(toBinding).filter((b) => scope.all || scope.unscopedPlatforms || b.platformId === null || scope.platformIds.has(b.platformId));
  }

  /** The version id a new instance would start with (the resolution order of {@link BindingResolver}). */
  async effectiveVersionId(ctx: Ctx, platformId: string | null, kind: string, mode = 'default'): Promise<string | null> {
    requirePermission(ctx, P.Read, { platformId });
    this.knownKindAndMode(kind, mode);
    return this.resolver.resolve(ctx, platformId, kind, mode);
  }

  /** Binds a published version; the default binding needs `processes.bind` for every platform. */
  async bind(ctx: Ctx, input: BindInput): Promise<ProcessBinding> {
    const platformId = input.platformId ?? null;
    const mode = input.mode ?? 'default';
    this.authorize(ctx, platformId);
    const kind = this.knownKindAndMode(input.kind, mode);
    return inTransaction(ctx, async (trx) => {
      if (platformId && !(await this.platforms.exists(trx, [platformId]))) throw errors.notFound('Platform', platformId);
      const versionRow = (await trx.db(T.version).where('id', input.versionId).first()) as VersionRow | undefined;
      if (!versionRow) throw errors.notFound('Process version', input.versionId);
      const version = toVersion(versionRow);
      if (version.status !== 'published') throw new PlazaError('CONFLICT', 'Only a published version can be bound; publish the draft first', { reason: 'VERSION_NOT_PUBLISHED' });
      const definition = (await trx.db(T.definition).where('id', version.definitionId).first('kind')) as { kind: string };
      if (definition.kind !== kind.code) {
        throw errors.badInput(`That version is a ${definition.kind} process, not ${kind.code}`, [{ path: 'versionId', message: `is a ${definition.kind} process` }], 'KIND_MISMATCH');
      }
      const scope = platformId ?? DEFAULT_SCOPE;
      const before = (await trx.db(T.binding).where({ scope, kind: kind.code, mode }).first()) as BindingRow | undefined;
      const now = Date.now();
      const row: BindingRow = { id: before?.id ?? newId('pbd'), scope, kind: kind.code, mode, version_id: version.id, bound_at: now, bound_by: ctx.actor?.id ?? null };
      // An upsert: two first bindings at the same moment end as one (the later wins).
      await trx.db(T.binding).insert(row).onConflict(['scope', 'kind', 'mode']).merge(['version_id', 'bound_at', 'bound_by']);
      await this.audit.record(trx, {
        action: 'process.bound',
        entityType: 'process_binding',
        entityId: row.id,
        platformId,
        before: before ? { versionId: before.version_id } : null,
        after: { kind: kind.code, mode, versionId: version.id },
      });
      await this.events.publish(trx, 'process.bound', { platformId, kind: kind.code, mode, versionId: version.id }, { platformId });
      this.resolver.forget();
      afterCommit(trx.db, () => this.resolver.forget());
      return toBinding(row);
    });
  }

  /** Removes a platform's own binding; the default applies again. Returns whether one existed. */
  async unbind(ctx: Ctx, input: UnbindInput): Promise<boolean> {
    this.authorize(ctx, input.platformId);
    const mode = input.mode ?? 'default';
    return inTransaction(ctx, async (trx) => {
      const before = (await trx.db(T.binding).where({ scope: input.platformId, kind: input.kind, mode }).first()) as BindingRow | undefined;
      if (!before) return false;
      await trx.db(T.binding).where('id', before.id).delete();
      await this.audit.record(trx, { action: 'process.unbound', entityType: 'process_binding', entityId: before.id, platformId: input.platformId, before: { kind: input.kind, mode, versionId: before.version_id }, after: null });
      await this.events.publish(trx, 'process.bound', { platformId: input.platformId, kind: input.kind, mode, versionId: null }, { platformId: input.platformId });
      this.resolver.forget();
      afterCommit(trx.db, () => this.resolver.forget());
      return true;
    });
  }

  private knownKindAndMode(code: string, mode: string): ProcessKindDefinition {
    const kind = this.catalog.kind(code);
    if (!kind) throw errors.badInput(`"${code}" is not an installed process kind`, [{ path: 'kind', message: 'is not an installed process kind' }], 'UNKNOWN_KIND');
    if (!this.catalog.modeKnown(kind, mode)) {
      throw errors.badInput(`The ${kind.label} process has no mode "${mode}"`, [{ path: 'mode', message: `must be one of: default${(kind.modes ?? []).map((m) => `, ${m.code}`).join('')}` }], 'UNKNOWN_MODE');
    }
    return kind;
  }

  private authorize(ctx: Ctx, platformId: string | null): void {
    if (platformId) {
      requirePermission(ctx, P.Bind, { platformId });
      return;
    }
    const actor = requirePermission(ctx, P.Bind);
    const scope = permissionScope(actor, P.Bind);
    if (!scope.all && !scope.unscopedPlatforms) {
      throw errors.forbidden(`The default binding needs "${P.Bind}" for all platforms; yours is limited to some`, 'SCOPE_MISSING');
    }
  }
}
