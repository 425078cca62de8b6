import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { permissionScope, requirePermission, type Grant } from '../../kernel/authorization.js';
import type { Actor, Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { dialectOf } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { describeScope, holdsAcross, scopeVisible, ungrantable } from './access-rules.js';
import { OWNER_ROLE } from './built-in-roles.js';
import { toGrant } from './grants.js';
import { assignmentInput, parseInput, type AssignmentInput } from './roles.inputs.js';
import { RolesPermission as P } from './roles.permissions.js';
import { idsToText, RolesTables as T, type AssignmentRow, type RoleRow } from './roles.tables.js';
import { assertScopeExists } from './scope-exists.js';
import { RolesTokens, type LocationDirectory, type PlatformDirectory } from './roles.tokens.js';
import { auditSummary, singlePlatform, toAssignmentView, type AssignmentView } from './roles.views.js';

/** Input of {@link AssignmentService.assign}. */
export type AssignRoleInput = AssignmentInput & { staffId: string };

type AssignmentWithRole = AssignmentRow & { role_code: string; role_permissions: string };

function escalation(missing: string[], platformIds: readonly string[] | null, locationIds: readonly string[] | null): PlazaError {
  const what = missing.includes('*') ? 'every permission (owner)' : missing.join(', ');
  return new PlazaError('FORBIDDEN', `You can only give permissions you hold yourself for ${describeScope(platformIds, locationIds)}; you lack: ${what}`, {
    reason: 'PERMISSION_ESCALATION',
    details: { missing },
  });
}

/**
 * Role assignments: staff ↔ role, each optionally scoped to platforms and/or stock locations.
 * Giving or removing a role needs `staff.manage` across the assignment's whole scope and
 * holding every permission of the role there (no escalation); the last unscoped owner cannot
 * lose the owner role.
 */
@injectable()
export class AssignmentService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
    @inject(RolesTokens.Platforms) private readonly platforms: PlatformDirectory,
    @inject(RolesTokens.Locations) private readonly locations: LocationDirectory,
  ) {}

  /** Gives a staff member a role (optionally scoped). */
  async assign(ctx: Ctx, input: AssignRoleInput): Promise<AssignmentView> {
    const actor = requirePermission(ctx, P.StaffManage);
    return inTransaction(ctx, async (tx) => {
      const staff = await tx.db(T.staff).where('id', input.staffId).first('id');
      if (!staff) throw errors.notFound('Staff member', input.staffId);
      return this.assignWithin(tx, actor, input.staffId, input, '');
    });
  }

  /**
   * Adds one assignment inside the caller's transaction, with every check; `path` prefixes
   * field errors (e.g. `assignments.0.`).
   */
  async assignWithin(tx: Ctx, actor: Actor, staffId: string, input: AssignmentInput, path: string): Promise<AssignmentView> {
    const data = parseInput(assignmentInput, input, 'ASSIGNMENT_INPUT_INVALID');
    const platformIds = data.platformIds ? [...new Set(data.platformIds)].sort() : null;
    const locationIds = data.locationIds ? [...new Set(data.locationIds)].sort() : null;
    const role = (await tx.db(T.role).where(data.roleId ? { id: data.roleId } : { code: data.roleCode! }).first()) as RoleRow | undefined;
    if (!role) {
      const field = data.roleId ? 'roleId' : 'roleCode';
      throw errors.badInput(`There is no role ${data.roleId ?? `"${data.roleCode}"`}`, [{ path: `${path}${field}`, message: 'no such role' }], 'ROLE_UNKNOWN');
    }
    if (!holdsAcross(actor, P.StaffManage, platformIds, locationIds)) {
      throw errors.forbidden(`You can only give roles within your own scope; you do not manage staff for ${describeScope(platformIds, locationIds)}`, 'SCOPE_MISSING');
    }
    const missing = ungrantable(actor, toGrant(role.permissions, idsToText(platformIds), idsToText(locationIds)));
    if (missing.length > 0) throw escalation(missing, platformIds, locationIds);
    await assertScopeExists(tx, { platforms: this.platforms, locations: this.locations }, { platformIds: data.platformIds ?? null, locationIds: data.locationIds ?? null }, path);
    const row: AssignmentRow = {
      id: newId('asg'),
      staff_id: staffId,
      role_id: role.id,
      platform_ids: idsToText(platformIds),
      location_ids: idsToText(locationIds),
      created_by: tx.actor?.id ?? null,
      created_at: Date.now(),
    };
    const same = await tx.db(T.assignment).where({ staff_id: staffId, role_id: role.id, platform_ids: row.platform_ids, location_ids: row.location_ids }).first('id');
    if (same) throw errors.conflict(`This staff member already holds "${role.code}" for ${describeScope(platformIds, locationIds)}`, 'ASSIGNMENT_EXISTS');
    await tx.db(T.assignment).insert(row);
    const view = toAssignmentView(row);
    await this.audit.record(tx, { action: 'staff.role_assigned', entityType: 'role_assignment', entityId: view.id, platformId: singlePlatform(platformIds), after: auditSummary.assignment(view, role.code) });
    await this.events.publish(tx, 'staff.role_assigned', { assignmentId: view.id, staffId, roleId: role.id, platformIds });
    return view;
  }

  /** Removes an assignment. CONFLICT when it is the last unscoped owner assignment of an active staff member. */
  async remove(ctx: Ctx, id: string): Promise<AssignmentView> {
    const actor = requirePermission(ctx, P.StaffManage);
    return inTransaction(ctx, async (tx) => {
      await this.lockOwners(tx);
      const row = (await this.withRoles(tx).where('a.id', id).first()) as AssignmentWithRole | undefined;
      if (!row) throw errors.notFound('Role assignment', id);
      const view = toAssignmentView(row);
      if (!holdsAcross(actor, P.StaffManage, view.platformIds, view.locationIds)) {
        throw errors.forbidden(`You can only remove roles within your own scope; you do not manage staff for ${describeScope(view.platformIds, view.locationIds)}`, 'SCOPE_MISSING');
      }
      const missing = ungrantable(actor, toGrant(row.role_permissions, row.platform_ids, row.location_ids));
      if (missing.length > 0) throw escalation(missing, view.platformIds, view.locationIds);
      if (row.role_code === OWNER_ROLE && !view.platformIds && !view.locationIds && (await this.ownersOtherThan(tx, row.staff_id)) === 0) {
        throw errors.conflict('This is the last owner: give another active staff member the owner role first', 'LAST_OWNER');
      }
      await tx.db(T.assignment).where('id', id).delete();
      await this.audit.record(tx, { action: 'staff.role_unassigned', entityType: 'role_assignment', entityId: id, platformId: singlePlatform(view.platformIds), before: auditSummary.assignment(view, row.role_code) });
      await this.events.publish(tx, 'staff.role_unassigned', { assignmentId: id, staffId: view.staffId, roleId: view.roleId, platformIds: view.platformIds });
      return view;
    });
  }

  /**
   * The assignments of several staff members (in the order asked) that the actor may see
   * with `staff.read` — for DataLoaders. One's own assignments are always visible.
   */
  async ofStaff(ctx: Ctx, staffIds: readonly string[]): Promise<AssignmentView[][]> {
    const rows = (await ctx.db(T.assignment).whereIn('staff_id', [...staffIds]).orderBy('id').select('*')) as AssignmentRow[];
    const scope = permissionScope(ctx.actor, P.StaffRead);
    const byStaff = new Map<string, AssignmentView[]>();
    for (const view of rows.map(toAssignmentView)) {
      if (view.staffId !== ctx.actor?.id && !scopeVisible(scope, view.platformIds, view.locationIds)) continue;
      byStaff.set(view.staffId, [...(byStaff.get(view.staffId) ?? []), view]);
    }
    return staffIds.map((id) => byStaff.get(id) ?? []);
  }

  /** A staff member's assignments and the grants they make, in one query (no permission check). */
  async accessOf(ctx: Ctx, staffId: string): Promise<{ assignments: AssignmentView[]; grants: Grant[] }> {
    const rows = (await this.withRoles(ctx).where('a.staff_id', staffId).orderBy('a.id')) as AssignmentWithRole[];
    return { assignments: rows.map(toAssignmentView), grants: rows.map((r) => toGrant(r.role_permissions, r.platform_ids, r.location_ids)) };
  }

  /**
   * FORBIDDEN unless the actor may manage this staff member: `staff.manage` somewhere, and
   * for each of the member's grants, the whole grant (so no one changes a more powerful account).
   */
  async requireManageable(ctx: Ctx, staffId: string): Promise<Actor> {
    const actor = requirePermission(ctx, P.StaffManage);
    for (const grant of (await this.accessOf(ctx, staffId)).grants) {
      if (!holdsAcross(actor, P.StaffManage, grant.platformIds, grant.locationIds) || ungrantable(actor, grant).length > 0) {
        throw errors.forbidden('This staff member holds roles beyond your own scope or permissions; ask someone who manages them', 'STAFF_OUT_OF_SCOPE');
      }
    }
    return actor;
  }

  /** Is this staff member an unscoped owner? */
  async isOwner(ctx: Ctx, staffId: string): Promise<boolean> {
    const row = await this.ownerAssignments(ctx).where('a.staff_id', staffId).first('a.id');
    return row !== undefined;
  }

  /** How many active staff other than `staffId` are unscoped owners. */
  async ownersOtherThan(ctx: Ctx, staffId: string): Promise<number> {
    const rows = (await this.ownerAssignments(ctx).join(`${T.staff} as s`, 's.id', 'a.staff_id').where('s.status', 'active').whereNot('a.staff_id', staffId).distinct('a.staff_id')) as unknown[];
    return rows.length;
  }

  /** Serialises owner removals on PostgreSQL (SQLite serialises every write already). */
  async lockOwners(tx: Ctx): Promise<void> {
    if (dialectOf(tx.db) === 'postgres') await tx.db(T.role).where('code', OWNER_ROLE).forUpdate().first('id');
  }

  private ownerAssignments(ctx: Ctx) {
    return ctx.db(`${T.assignment} as a`).join(`${T.role} as r`, 'r.id', 'a.role_id').where('r.code', OWNER_ROLE).whereNull('a.platform_ids').whereNull('a.location_ids');
  }

  private withRoles(ctx: Ctx) {
    return ctx.db(`${T.assignment} as a`).join(`${T.role} as r`, 'r.id', 'a.role_id').select('a.*', 'r.code as role_code', 'r.permissions as role_permissions');
  }
}
