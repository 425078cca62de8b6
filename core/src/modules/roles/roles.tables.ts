/** Table names of the roles module. */
export const RolesTables = {
  staff: 'plaza_staff',
  session: 'plaza_staff_session',
  role: 'plaza_role',
  assignment: 'plaza_role_assignment',
  integrationToken: 'plaza_integration_token',
  /** Built-in roles created and permissions offered to them once (so staff edits stick). */
  defaultsApplied: 'plaza_role_default_applied',
} as const;

/** Epoch milliseconds as the drivers return a bigint column (a string on PostgreSQL). */
export type DbMillis = number | string;

/** A staff account status. */
export type StaffStatus = 'active' | 'disabled';

/** A row of `plaza_staff`. */
export interface StaffRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  status: StaffStatus;
  failed_login_count: number | string;
  locked_until: DbMillis | null;
  last_login_at: DbMillis | null;
  created_at: DbMillis;
  updated_at: DbMillis;
}

/** Why a session ended early. */
export type SessionRevokeReason = 'logout' | 'revoked' | 'password_changed' | 'staff_disabled';

/** A row of `plaza_staff_session`. The token itself is never stored, only its sha256. */
export interface SessionRow {
  id: string;
  staff_id: string;
  token_hash: string;
  ip: string | null;
  created_at: DbMillis;
  last_used_at: DbMillis;
  /** Absolute expiry (created_at + 7 days). */
  expires_at: DbMillis;
  revoked_at: DbMillis | null;
  revoked_reason: SessionRevokeReason | null;
}

/** A row of `plaza_role`. `permissions` is a JSON list of codes; the owner role holds `["*"]`. */
export interface RoleRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  permissions: string;
  built_in: boolean | number;
  created_at: DbMillis;
  updated_at: DbMillis;
}

/** A row of `plaza_role_assignment`; null scope lists mean "everywhere". */
export interface AssignmentRow {
  id: string;
  staff_id: string;
  role_id: string;
  /** JSON list of platform ids, or null. */
  platform_ids: string | null;
  /** JSON list of stock location ids, or null. */
  location_ids: string | null;
  created_by: string | null;
  created_at: DbMillis;
}

/** A row of `plaza_integration_token`. */
export interface IntegrationTokenRow {
  id: string;
  name: string;
  token_hash: string;
  /** The token's last characters, to recognise it in a list. */
  token_hint: string;
  role_id: string | null;
  platform_ids: string | null;
  location_ids: string | null;
  created_by: string | null;
  created_at: DbMillis;
  last_used_at: DbMillis | null;
  expires_at: DbMillis | null;
  revoked_at: DbMillis | null;
}

import { epochMillis } from '../../db/epoch-column.js';

/** Reads a bigint epoch-ms column as a number. */
export const millis = epochMillis;

/** Reads a nullable bigint column as a Date or null. */
export function dateOrNull(value: DbMillis | null | undefined): Date | null {
  return value === null || value === undefined ? null : new Date(millis(value));
}

/** Reads a nullable JSON list of ids (null = everywhere). */
export function idsOrNull(value: string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  return JSON.parse(value) as string[];
}

/** Writes a scope list as JSON text (null = everywhere); sorted and de-duplicated. */
export function idsToText(ids: readonly string[] | null | undefined): string | null {
  if (ids === null || ids === undefined) return null;
  return JSON.stringify([...new Set(ids)].sort());
}
