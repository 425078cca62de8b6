import {
  dateOrNull,
  idsOrNull,
  millis,
  type AssignmentRow,
  type IntegrationTokenRow,
  type RoleRow,
  type SessionRow,
  type StaffRow,
  type StaffStatus,
} from './roles.tables.js';

/** A role as the admin API shows it. */
export interface RoleView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  /** Permission codes; `['*']` for the owner role (everything, current and future). */
  permissions: string[];
  builtIn: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A role held by a staff member, optionally scoped to platforms and/or stock locations. */
export interface AssignmentView {
  id: string;
  staffId: string;
  roleId: string;
  /** Null: every platform. */
  platformIds: string[] | null;
  /** Null: every stock location. */
  locationIds: string[] | null;
  createdBy: string | null;
  createdAt: Date;
}

/** A staff account as the admin API shows it (never the password hash). */
export interface StaffMemberView {
  id: string;
  email: string;
  name: string;
  status: StaffStatus;
  failedLoginCount: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Filled in when already known (me, login); otherwise resolved per request. */
  assignments?: AssignmentView[];
  /** Effective permissions, filled in with `assignments`. */
  permissions?: string[];
}

/** One sign-in session (never its token). */
export interface SessionView {
  id: string;
  staffId: string;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  /** When it ends at the latest (7 days after sign-in). */
  expiresAt: Date;
  /** When it ends if unused (12 hours after the last request). */
  idleExpiresAt: Date;
  /** Is this the session of the current request? */
  current: boolean;
}

/** An integration token as listed (the secret is shown only when created). */
export interface IntegrationTokenView {
  id: string;
  name: string;
  /** The last four characters of the secret, e.g. `pzi_…x9Qa`. */
  tokenHint: string;
  roleId: string | null;
  platformIds: string[] | null;
  locationIds: string[] | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: 'active' | 'revoked' | 'expired';
}

/** Maps a role row. */
export function toRoleView(row: RoleRow): RoleView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    permissions: JSON.parse(row.permissions) as string[],
    builtIn: row.built_in === true || row.built_in === 1,
    createdAt: new Date(millis(row.created_at)),
    updatedAt: new Date(millis(row.updated_at)),
  };
}

/** Maps an assignment row. */
export function toAssignmentView(row: AssignmentRow): AssignmentView {
  return {
    id: row.id,
    staffId: row.staff_id,
    roleId: row.role_id,
    platformIds: idsOrNull(row.platform_ids),
    locationIds: idsOrNull(row.location_ids),
    createdBy: row.created_by,
    createdAt: new Date(millis(row.created_at)),
  };
}

/** Maps a staff row, leaving the password hash behind. */
export function toStaffView(row: StaffRow): StaffMemberView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    failedLoginCount: Number(row.failed_login_count),
    lockedUntil: row.locked_until !== null && millis(row.locked_until) > Date.now() ? new Date(millis(row.locked_until)) : null,
    lastLoginAt: dateOrNull(row.last_login_at),
    createdAt: new Date(millis(row.created_at)),
    updatedAt: new Date(millis(row.updated_at)),
  };
}

/** Maps a session row; `idleMs` is the idle timeout. */
export function toSessionView(row: SessionRow, idleMs: number, currentId: string | undefined): SessionView {
  const lastUsed = millis(row.last_used_at);
  return {
    id: row.id,
    staffId: row.staff_id,
    ip: row.ip,
    createdAt: new Date(millis(row.created_at)),
    lastUsedAt: new Date(lastUsed),
    expiresAt: new Date(millis(row.expires_at)),
    idleExpiresAt: new Date(Math.min(lastUsed + idleMs, millis(row.expires_at))),
    current: row.id === currentId,
  };
}

/** Maps an integration token row, leaving the hash behind. */
export function toTokenView(row: IntegrationTokenRow, now = Date.now()): IntegrationTokenView {
  const expiresAt = dateOrNull(row.expires_at);
  const revokedAt = dateOrNull(row.revoked_at);
  return {
    id: row.id,
    name: row.name,
    tokenHint: `pzi_…${row.token_hint}`,
    roleId: row.role_id,
    platformIds: idsOrNull(row.platform_ids),
    locationIds: idsOrNull(row.location_ids),
    createdBy: row.created_by,
    createdAt: new Date(millis(row.created_at)),
    lastUsedAt: dateOrNull(row.last_used_at),
    expiresAt,
    revokedAt,
    status: revokedAt ? 'revoked' : expiresAt && expiresAt.getTime() <= now ? 'expired' : 'active',
  };
}

/** Audit summaries: what changed, never passwords, hashes or tokens. */
export const auditSummary = {
  staff: (s: StaffMemberView) => ({ email: s.email, name: s.name, status: s.status }),
  role: (r: RoleView) => ({ code: r.code, name: r.name, description: r.description, permissions: r.permissions }),
  assignment: (a: AssignmentView, roleCode: string) => ({ staffId: a.staffId, roleId: a.roleId, role: roleCode, platformIds: a.platformIds, locationIds: a.locationIds }),
  token: (t: IntegrationTokenView) => ({ name: t.name, roleId: t.roleId, platformIds: t.platformIds, locationIds: t.locationIds, expiresAt: t.expiresAt?.toISOString() ?? null }),
};

/** The single platform of a scope, for the audit entry's `platformId` (null when none or several). */
export function singlePlatform(platformIds: readonly string[] | null): string | null {
  return platformIds && platformIds.length === 1 ? platformIds[0]! : null;
}
