import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import type { Connection } from '../../gateway/connection.js';
import { scopeVisible } from './access-rules.js';
import { AssignmentService } from './assignment.service.js';
import { permissionsOf } from './grants.js';
import { generatePassword, hashPassword } from './password-hash.js';
import { createStaffInput, parseInput, updateStaffInput, type CreateStaffInput, type UpdateStaffInput } from './roles.inputs.js';
import { RolesPermission as P } from './roles.permissions.js';
import { RolesTables as T, type StaffRow } from './roles.tables.js';
import { RolesTokens } from './roles.tokens.js';
import { auditSummary, toStaffView, type StaffMemberView } from './roles.views.js';
import { revokeSessionsOf } from './session-store.js';
import { listStaff, type StaffListArgs } from './staff-list.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

/** A staff member with the password that was set, when it was generated (shown once). */
export interface StaffWithPassword {
  staffMember: StaffMemberView;
  /** The generated password, or null when the caller chose it. */
  password: string | null;
}

function emailTaken(email: string, cause: unknown): PlazaError {
  return new PlazaError('CONFLICT', `A staff member with the email ${email} already exists`, { reason: 'STAFF_EMAIL_TAKEN', fields: [{ path: 'email', message: 'is already used by another staff member' }], cause });
}

/**
 * Staff accounts: create (with roles), read, change, disable, reset passwords. Reading needs
 * `staff.read` (scoped readers see staff of their platforms, and staff without roles); changing
 * a member needs `staff.manage` over every role they hold. Every write is audited.
 */
@injectable()
export class StaffService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
    @inject(AssignmentService) private readonly assignments: AssignmentService,
  ) {}

  /** Creates a staff member and their assignments; generates a password when none is given. */
  async create(ctx: Ctx, input: CreateStaffInput): Promise<StaffWithPassword> {
    const actor = requirePermission(ctx, P.StaffManage);
    const data = parseInput(createStaffInput, input, 'STAFF_INPUT_INVALID');
    const password = data.password ?? generatePassword();
    const hash = await hashPassword(password);
    const now = Date.now();
    const row: StaffRow = { id: newId('stf'), email: data.email, name: data.name ?? data.email.split('@')[0]!, password_hash: hash, status: 'active', failed_login_count: 0, locked_until: null, last_login_at: null, created_at: now, updated_at: now };
    return inTransaction(ctx, async (tx) => {
      try {
        await tx.db(T.staff).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken(data.email, error);
        throw error;
      }
      const view = toStaffView(row);
      await this.audit.record(tx, { action: 'staff.created', entityType: 'staff', entityId: view.id, after: auditSummary.staff(view) });
      await this.events.publish(tx, 'staff.created', { staffId: view.id });
      const assigned = [];
      for (const [i, assignment] of (data.assignments ?? []).entries()) assigned.push(await this.assignments.assignWithin(tx, actor, view.id, assignment, `assignments.${i}.`));
      return { staffMember: { ...view, assignments: assigned }, password: data.password ? null : password };
    });
  }

  /** One staff member; NOT_FOUND when it does not exist or is outside the reader's scope. */
  async get(ctx: Ctx, id: string): Promise<StaffMemberView> {
    const actor = requirePermission(ctx, P.StaffRead);
    const view = toStaffView(await this.load(ctx, id));
    if (id === actor.id) return view;
    const scope = permissionScope(actor, P.StaffRead);
    if (scope.all) return view;
    // The list's rule: staff without roles, or with an assignment inside the reader's scope.
    const { assignments } = await this.assignments.accessOf(ctx, id);
    if (assignments.length === 0 || assignments.some((a) => scopeVisible(scope, a.platformIds, a.locationIds))) return view;
    throw errors.notFound('Staff member', id);
  }

  /** A page of staff members the actor may read. */
  async list(ctx: Ctx, args: StaffListArgs = {}): Promise<Connection<StaffMemberView>> {
    const actor = requirePermission(ctx, P.StaffRead);
    return listStaff(ctx, args, permissionScope(actor, P.StaffRead));
  }

  /** The signed-in staff member with all their assignments and effective permissions; null for other actors. */
  async me(ctx: Ctx): Promise<StaffMemberView | null> {
    if (ctx.actor?.kind !== 'staff') return null;
    const row = (await ctx.db(T.staff).where('id', ctx.actor.id).first()) as StaffRow | undefined;
    return row ? this.withAccess(ctx, toStaffView(row)) : null;
  }

  /** Fills in all assignments and the effective permissions (no scope filter: for oneself). */
  async withAccess(ctx: Ctx, view: StaffMemberView): Promise<StaffMemberView> {
    const { assignments, grants } = await this.assignments.accessOf(ctx, view.id);
    return { ...view, assignments, permissions: permissionsOf(grants) };
  }

  /** Changes email, name or status (only the fields given). Disabling signs the member out everywhere. */
  async update(ctx: Ctx, input: UpdateStaffInput): Promise<StaffMemberView> {
    const data = parseInput(updateStaffInput, input, 'STAFF_INPUT_INVALID');
    return inTransaction(ctx, async (tx) => {
      await this.assignments.requireManageable(tx, data.id);
      const before = toStaffView(await this.load(tx, data.id));
      const changes: Partial<StaffRow> = { updated_at: Date.now() };
      if (data.email !== undefined) changes.email = data.email;
      if (data.name !== undefined) changes.name = data.name;
      const disabling = data.status === 'disabled' && before.status !== 'disabled';
      if (data.status !== undefined) changes.status = data.status;
      if (data.status === 'active') Object.assign(changes, { failed_login_count: 0, locked_until: null });
      if (disabling) await this.checkNotLastOwner(tx, data.id);
      try {
        await tx.db(T.staff).where('id', data.id).update(changes);
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken(data.email!, error);
        throw error;
      }
      if (disabling) await revokeSessionsOf(tx, data.id, 'staff_disabled');
      const after = toStaffView(await this.load(tx, data.id));
      await this.audit.record(tx, { action: disabling ? 'staff.disabled' : 'staff.updated', entityType: 'staff', entityId: data.id, before: auditSummary.staff(before), after: auditSummary.staff(after) });
      await this.events.publish(tx, disabling ? 'staff.disabled' : 'staff.updated', { staffId: data.id });
      return after;
    });
  }

  /** Disables a staff member and ends their sessions. CONFLICT for the last active owner. */
  disable(ctx: Ctx, id: string): Promise<StaffMemberView> {
    return this.update(ctx, { id, status: 'disabled' });
  }

  /** Sets a new password (generated when none is given), lifts a sign-in lock and ends the member's sessions. */
  async resetPassword(ctx: Ctx, id: string, password?: string | null): Promise<StaffWithPassword> {
    const chosen = password ? parseInput(createStaffInput.pick({ password: true }), { password }, 'STAFF_INPUT_INVALID').password! : null;
    const next = chosen ?? generatePassword();
    const hash = await hashPassword(next);
    return inTransaction(ctx, async (tx) => {
      await this.assignments.requireManageable(tx, id);
      await this.load(tx, id);
      await tx.db(T.staff).where('id', id).update({ password_hash: hash, failed_login_count: 0, locked_until: null, updated_at: Date.now() });
      await revokeSessionsOf(tx, id, 'revoked');
      const view = toStaffView(await this.load(tx, id));
      await this.audit.record(tx, { action: 'staff.password_reset', entityType: 'staff', entityId: id, after: auditSummary.staff(view) });
      await this.events.publish(tx, 'staff.updated', { staffId: id });
      return { staffMember: view, password: chosen ? null : next };
    });
  }

  private async checkNotLastOwner(tx: Ctx, staffId: string): Promise<void> {
    await this.assignments.lockOwners(tx);
    if ((await this.assignments.isOwner(tx, staffId)) && (await this.assignments.ownersOtherThan(tx, staffId)) === 0) {
      throw errors.conflict('This is the last active owner: give another staff member the owner role before disabling this one', 'LAST_OWNER');
    }
  }

  private async load(ctx: Ctx, id: string): Promise<StaffRow> {
    const row = (await ctx.db(T.staff).where('id', id).first()) as StaffRow | undefined;
    if (!row) throw errors.notFound('Staff member', id);
    return row;
  }
}
