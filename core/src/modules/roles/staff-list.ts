import type { Knex } from 'knex';
import type { PermissionScope } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { RolesTables as T, type StaffRow, type StaffStatus } from './roles.tables.js';
import { toStaffView, type StaffMemberView } from './roles.views.js';

/** Filters of the staff list. */
export interface StaffFilter {
  /** Part of the email or name (case-insensitive). */
  search?: string | null;
  status?: StaffStatus | null;
  /** Only staff holding this role (any scope). */
  roleId?: string | null;
}

/** Sort orders of the staff list. */
export interface StaffOrder {
  field: 'CREATED_AT' | 'EMAIL' | 'NAME';
  direction?: 'ASC' | 'DESC' | null;
}

/** Arguments of the staff list: a page, filters and a sort order. */
export type StaffListArgs = PageArgs & { filter?: StaffFilter | null; orderBy?: StaffOrder | null };

const COLUMNS = { CREATED_AT: 'id', EMAIL: 'email', NAME: 'name' } as const;

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `escape '\'`. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column` (a JSON id list as text) mentions one of `ids`. */
function mentionsAny(query: Knex.QueryBuilder, column: string, ids: ReadonlySet<string>): void {
  query.where((q) => {
    if (ids.size === 0) q.whereRaw('1 = 0');
    for (const id of ids) q.orWhereRaw(`${column} like ? escape '\\'`, [`%"${likeEscape(id)}"%`]);
  });
}

/**
 * Restricts staff to those a scoped reader may see: staff without any role (new hires), and
 * staff with an assignment inside the reader's platforms/locations. Unscoped readers see all.
 */
function applyScope(ctx: Ctx, query: Knex.QueryBuilder, scope: PermissionScope): void {
  if (scope.all) return;
  query.where((outer) => {
    outer.whereNotExists(ctx.db(T.assignment).select('id').whereRaw('staff_id = s.id'));
    outer.orWhereExists(function visible() {
      this.select('a.id').from(`${T.assignment} as a`).whereRaw('a.staff_id = s.id');
      if (!scope.unscopedPlatforms) mentionsAny(this, 'a.platform_ids', scope.platformIds);
      if (!scope.unscopedLocations) mentionsAny(this, 'a.location_ids', scope.locationIds);
    });
  });
}

function cursorKey(column: (typeof COLUMNS)[keyof typeof COLUMNS], row: StaffMemberView): string {
  return column === 'id' ? row.id : JSON.stringify([column === 'email' ? row.email : row.name, row.id]);
}

/** A page of staff members visible under `scope`, filtered and sorted (keyset pagination). */
export async function listStaff(ctx: Ctx, args: StaffListArgs, scope: PermissionScope): Promise<Connection<StaffMemberView>> {
  const { size, afterKey } = readPageArgs(args);
  const field = args.orderBy?.field ?? 'CREATED_AT';
  const direction = (args.orderBy?.direction ?? (field === 'CREATED_AT' ? 'DESC' : 'ASC')) === 'ASC' ? 'asc' : 'desc';
  const column = COLUMNS[field];
  const query = ctx.db(`${T.staff} as s`).select('s.*').limit(size + 1);
  const filter = args.filter ?? {};
  if (filter.search?.trim()) {
    const pattern = `%${likeEscape(filter.search.trim().toLowerCase())}%`;
    query.where((q) => q.whereRaw(`s.email like ? escape '\\'`, [pattern]).orWhereRaw(`lower(s.name) like ? escape '\\'`, [pattern]));
  }
  if (filter.status) query.where('s.status', filter.status);
  if (filter.roleId) query.whereExists(ctx.db(T.assignment).select('id').whereRaw('staff_id = s.id').where('role_id', filter.roleId));
  applyScope(ctx, query, scope);
  const op = direction === 'asc' ? '>' : '<';
  if (afterKey && column === 'id') query.where('s.id', op, afterKey);
  if (afterKey && column !== 'id') {
    const [value, id] = parseKey(afterKey);
    query.where((q) => q.where(`s.${column}`, op, value).orWhere((same) => same.where(`s.${column}`, value).where('s.id', op, id)));
  }
  query.orderBy([{ column: `s.${column}`, order: direction }, ...(column === 'id' ? [] : [{ column: 's.id', order: direction }])]);
  const rows = ((await query) as StaffRow[]).map(toStaffView);
  return toConnection(rows, size, (row) => cursorKey(column, row));
}

function parseKey(key: string): [string, string] {
  try {
    const parsed = JSON.parse(key) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((v) => typeof v === 'string')) return parsed as [string, string];
  } catch {
    // fall through to the error below
  }
  throw errors.badInput('The cursor does not belong to this sort order; start again without "after"', [{ path: 'after', message: 'invalid cursor for this sort order' }], 'CURSOR_INVALID');
}
