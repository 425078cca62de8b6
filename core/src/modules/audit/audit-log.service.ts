import type { Knex } from 'knex';
import type { AuditEntry, AuditLog } from '../../kernel/audit-log.js';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { fromJson } from '../../db/json-column.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';

/** An audit entry as staff read it. */
export interface AuditRecord {
  id: string;
  occurredAt: Date;
  actorKind: string;
  actorId: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  platformId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** Filters of the audit log query. */
export interface AuditFilter {
  actorId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  platformId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

interface AuditRow {
  id: string;
  occurred_at: string | number;
  actor_kind: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  platform_id: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: new Date(Number(row.occurred_at)),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    platformId: row.platform_id,
    before: row.before === null ? null : fromJson(row.before),
    after: row.after === null ? null : fromJson(row.after),
    requestId: row.request_id,
    ip: row.ip,
  };
}

function applyFilter(query: Knex.QueryBuilder, filter: AuditFilter): void {
  if (filter.actorId) query.where('actor_id', filter.actorId);
  if (filter.entityType) query.where('entity_type', filter.entityType);
  if (filter.entityId) query.where('entity_id', filter.entityId);
  if (filter.action) query.where('action', filter.action);
  if (filter.platformId) query.where('platform_id', filter.platformId);
  if (filter.from) query.where('occurred_at', '>=', filter.from.getTime());
  if (filter.to) query.where('occurred_at', '<', filter.to.getTime());
}

/**
 * Writes audit entries in the caller's transaction and lists them for staff. There is no
 * update or delete: entries cannot be changed through any API.
 */
export class AuditLogService implements AuditLog {
  /** Records one write, with the actor, request id and IP of `ctx`, using `ctx.db`. */
  async record(ctx: Ctx, entry: AuditEntry): Promise<void> {
    const actor = ctx.actor;
    await ctx.db('audit_entry').insert({
      id: newId('aud'),
      occurred_at: Date.now(),
      actor_kind: actor?.kind ?? 'anonymous',
      actor_id: actor?.id ?? 'anonymous',
      actor_name: actor?.name ?? actor?.email ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      platform_id: entry.platformId ?? null,
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      request_id: ctx.api === 'system' ? null : ctx.requestId,
      ip: ctx.ip,
    });
  }

  /**
   * Lists entries newest first. Needs `audit.read`; staff scoped to some platforms see only
   * entries of those platforms.
   */
  async list(ctx: Ctx, args: PageArgs & { filter?: AuditFilter | null }): Promise<Connection<AuditRecord>> {
    requirePermission(ctx, 'audit.read');
    const { size, afterKey } = readPageArgs(args);
    const query = ctx.db<AuditRow>('audit_entry').select('*').orderBy('id', 'desc').limit(size + 1);
    applyFilter(query, args.filter ?? {});
    const scope = permissionScope(ctx.actor, 'audit.read');
    if (!scope.all && !scope.unscopedPlatforms) query.whereIn('platform_id', [...scope.platformIds]);
    if (afterKey) query.where('id', '<', afterKey);
    const rows = (await query) as AuditRow[];
    return toConnection(rows.map(toRecord), size, (r) => r.id);
  }
}
