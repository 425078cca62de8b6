import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { can, requirePermission } from '../../kernel/authorization.js';
import type { Actor, Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { holdsAcross } from './access-rules.js';
import { OWNER_ROLE } from './built-in-roles.js';
import { createRoleInput, parseInput, updateRoleInput, type CreateRoleInput, type UpdateRoleInput } from './roles.inputs.js';
import { RolesPermission as P } from './roles.permissions.js';
import { RolesTables as T, type RoleRow } from './roles.tables.js';
import { RolesTokens } from './roles.tokens.js';
import { auditSummary, toRoleView, type RoleView } from './roles.views.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

function codeTaken(code: string, cause: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The role code "${code}" is already taken`, { reason: 'ROLE_CODE_TAKEN', fields: [{ path: 'code', message: 'is already taken' }], cause });
}

/**
 * Roles: named sets of declared permissions. Every permission in a role must be declared by
 * the core or a plugin; only the owner role holds `*`. The owner role can be renamed but not
 * emptied or deleted. Adding a permission to a role needs holding it everywhere (a role
 * applies wherever it is assigned), so `roles.manage` cannot be used to escalate.
 */
@injectable()
export class RoleService {
  constructor(
    @inject(Tokens.Plugins) private readonly registry: PluginRegistry,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Every role, built-in first, then by name. Needs `roles.read` (or `staff.manage`, to pick roles). */
  async list(ctx: Ctx): Promise<RoleView[]> {
    this.requireRead(ctx);
    const rows = (await ctx.db(T.role).select('*').orderBy([{ column: 'built_in', order: 'desc' }, { column: 'name' }])) as RoleRow[];
    return rows.map(toRoleView);
  }

  /** One role; NOT_FOUND when it does not exist. */
  async get(ctx: Ctx, id: string): Promise<RoleView> {
    this.requireRead(ctx);
    return toRoleView(await this.load(ctx, id));
  }

  /** Roles by id, in the order asked (null for unknown ids) — for DataLoaders; no permission check. */
  async byIds(ctx: Ctx, ids: readonly string[]): Promise<(RoleView | null)[]> {
    const rows = (await ctx.db(T.role).whereIn('id', [...ids]).select('*')) as RoleRow[];
    const byId = new Map(rows.map((r) => [r.id, toRoleView(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** A role by code, or undefined (no permission check). */
  async findByCode(ctx: Ctx, code: string): Promise<RoleView | undefined> {
    const row = (await ctx.db(T.role).where({ code }).first()) as RoleRow | undefined;
    return row && toRoleView(row);
  }

  /** Creates a role. Needs `roles.manage`, and holding every permission it grants. */
  async create(ctx: Ctx, input: CreateRoleInput): Promise<RoleView> {
    const actor = requirePermission(ctx, P.RolesManage);
    const data = parseInput(createRoleInput, input, 'ROLE_INPUT_INVALID');
    const permissions = this.checkPermissions(data.permissions);
    this.checkHeld(actor, permissions);
    const now = Date.now();
    const row = { id: newId('role'), code: data.code, name: data.name, description: data.description ?? null, permissions: JSON.stringify(permissions), built_in: false, created_at: now, updated_at: now };
    return inTransaction(ctx, async (tx) => {
      try {
        await tx.db(T.role).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(data.code, error);
        throw error;
      }
      const view = toRoleView(row);
      await this.audit.record(tx, { action: 'role.created', entityType: 'role', entityId: view.id, after: auditSummary.role(view) });
      await this.events.publish(tx, 'role.created', { roleId: view.id, code: view.code });
      return view;
    });
  }

  /** Changes a role's name, description or permissions (only the fields given). */
  async update(ctx: Ctx, input: UpdateRoleInput): Promise<RoleView> {
    const actor = requirePermission(ctx, P.RolesManage);
    const data = parseInput(updateRoleInput, input, 'ROLE_INPUT_INVALID');
    return inTransaction(ctx, async (tx) => {
      const before = toRoleView(await this.load(tx, data.id));
      const changes: Record<string, unknown> = { updated_at: Date.now() };
      if (data.name !== undefined) changes.name = data.name;
      if (data.description !== undefined) changes.description = data.description;
      if (data.permissions !== undefined) {
        if (before.code === OWNER_ROLE) {
          if (!(data.permissions.length === 1 && data.permissions[0] === '*')) {
            throw errors.badInput('The owner role always holds every permission (*); it cannot be narrowed', [{ path: 'permissions', message: 'the owner role always holds *' }], 'OWNER_ROLE_FIXED');
          }
        } else {
          const permissions = this.checkPermissions(data.permissions);
          this.checkHeld(actor, permissions.filter((p) => !before.permissions.includes(p)));
          changes.permissions = JSON.stringify(permissions);
        }
      }
      await tx.db(T.role).where('id', data.id).update(changes);
      const after = toRoleView(await this.load(tx, data.id));
      await this.audit.record(tx, { action: 'role.updated', entityType: 'role', entityId: after.id, before: auditSummary.role(before), after: auditSummary.role(after) });
      await this.events.publish(tx, 'role.updated', { roleId: after.id, code: after.code });
      return after;
    });
  }

  /** Deletes an unused role. CONFLICT for the owner role, or while staff or tokens hold it. */
  async delete(ctx: Ctx, id: string): Promise<RoleView> {
    requirePermission(ctx, P.RolesManage);
    return inTransaction(ctx, async (tx) => {
      const view = toRoleView(await this.load(tx, id));
      if (view.code === OWNER_ROLE) throw errors.conflict('The owner role cannot be deleted', 'OWNER_ROLE_PROTECTED');
      const [assigned] = (await tx.db(T.assignment).where('role_id', id).count({ n: '*' })) as { n: number | string }[];
      const [tokens] = (await tx.db(T.integrationToken).where('role_id', id).whereNull('revoked_at').count({ n: '*' })) as { n: number | string }[];
      if (Number(assigned?.n) > 0 || Number(tokens?.n) > 0) {
        throw errors.conflict(
          `The role "${view.code}" is still held by ${Number(assigned?.n)} assignment(s) and ${Number(tokens?.n)} active integration token(s); remove them first`,
          'ROLE_IN_USE',
        );
      }
      await tx.db(T.role).where('id', id).delete();
      await this.audit.record(tx, { action: 'role.deleted', entityType: 'role', entityId: id, before: auditSummary.role(view) });
      await this.events.publish(tx, 'role.deleted', { roleId: id, code: view.code });
      return view;
    });
  }

  private requireRead(ctx: Ctx): void {
    if (!can(ctx.actor, P.StaffManage)) requirePermission(ctx, P.RolesRead);
  }

  private async load(ctx: Ctx, id: string): Promise<RoleRow> {
    const row = (await ctx.db(T.role).where('id', id).first()) as RoleRow | undefined;
    if (!row) throw errors.notFound('Role', id);
    return row;
  }

  /** Unique, declared, and never `*`; BAD_USER_INPUT naming every unknown code. */
  private checkPermissions(codes: readonly string[]): string[] {
    const unique = [...new Set(codes)].sort();
    if (unique.includes('*')) {
      throw errors.badInput('Only the owner role holds every permission (*); list the permissions instead', [{ path: 'permissions', message: '* is reserved for the owner role' }], 'PERMISSION_WILDCARD_RESERVED');
    }
    const unknown = unique.filter((code) => !this.registry.permissions.has(code));
    if (unknown.length > 0) {
      const fields = unknown.map((code) => ({ path: `permissions.${codes.indexOf(code)}`, message: `"${code}" is not a declared permission` }));
      throw new PlazaError('BAD_USER_INPUT', `Unknown permission(s): ${unknown.join(', ')}`, { reason: 'PERMISSION_UNKNOWN', fields, details: { unknown } });
    }
    return unique;
  }

  /** FORBIDDEN unless the actor holds each permission everywhere (no escalation through roles). */
  private checkHeld(actor: Actor, permissions: readonly string[]): void {
    const missing = permissions.filter((p) => !holdsAcross(actor, p, null, null));
    if (missing.length > 0) {
      throw new PlazaError('FORBIDDEN', `You can only put permissions you hold everywhere into a role; you do not hold: ${missing.join(', ')}`, {
        reason: 'PERMISSION_ESCALATION',
        details: { missing },
      });
    }
  }
}
