import type { Knex } from 'knex';
import type { PermissionScope } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { PlatformTables as T } from './platform.migrations.js';
import { toPlatform, type Platform, type PlatformRow, type PlatformStatus } from './platform.records.js';

/** Filters of the platforms list. */
export interface PlatformFilter {
  status?: PlatformStatus | null;
  /** A platform type code. */
  type?: string | null;
  /** Part of the name or code, case-insensitive. */
  search?: string | null;
}

/** Sort fields of the platforms list. */
export type PlatformOrderField = 'CREATED_AT' | 'NAME' | 'CODE';

/** Sort order of the platforms list (default: newest first; NAME and CODE default to ascending). */
export interface PlatformOrder {
  field: PlatformOrderField;
  direction?: 'ASC' | 'DESC' | null;
}

/** Arguments of the platforms list. */
export type PlatformListArgs = PageArgs & { filter?: PlatformFilter | null; orderBy?: PlatformOrder | null };

const SORT_SQL: Record<PlatformOrderField, string> = { CREATED_AT: 'created_at', NAME: 'lower(name)', CODE: 'code' };

type CursorKey = [field: PlatformOrderField, value: string | number, id: string];
type SortedRow = PlatformRow & { sort_key: string | number };

function badCursor(): never {
  throw errors.badInput('The cursor does not belong to this sort order; use an endCursor from a previous page', [{ path: 'after', message: 'invalid cursor' }], 'CURSOR_INVALID');
}

/** The sort value and id a cursor resumes after; it must have been made for `field`. */
function readCursor(afterKey: string, field: PlatformOrderField): { value: string | number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(afterKey);
  } catch {
    badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) badCursor();
  const [f, value, id] = parsed as unknown[];
  const valueOk = field === 'CREATED_AT' ? typeof value === 'number' : typeof value === 'string';
  if (f !== field || !valueOk || typeof id !== 'string') badCursor();
  return { value: value as string | number, id };
}

function applyFilter(query: Knex.QueryBuilder, filter: PlatformFilter): void {
  if (filter.status) query.where('status', filter.status);
  if (filter.type) query.where('type', filter.type);
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.where((q) => q.whereRaw("lower(name) like ? escape '\\'", [like]).orWhereRaw("code like ? escape '\\'", [like]));
  }
}

/**
 * One page of platforms, filtered and sorted, limited to `scope` (the platforms where the
 * actor may read). Keyset pagination: the cursor holds the sort value and the id.
 */
export async function listPlatforms(ctx: Ctx, args: PlatformListArgs, scope: PermissionScope): Promise<Connection<Platform>> {
  const { size, afterKey } = readPageArgs(args);
  const field = args.orderBy?.field ?? 'CREATED_AT';
  const direction = args.orderBy?.direction ?? (field === 'CREATED_AT' ? 'DESC' : 'ASC');
  const dir = direction === 'ASC' ? 'asc' : 'desc';
  const sortSql = SORT_SQL[field];
  const query = ctx.db(T.platform).select('*', ctx.db.raw(`${sortSql} as sort_key`));
  applyFilter(query, args.filter ?? {});
  if (!scope.all && !scope.unscopedPlatforms) query.whereIn('id', [...scope.platformIds]);
  if (afterKey) {
    const { value, id } = readCursor(afterKey, field);
    const cmp = dir === 'asc' ? '>' : '<';
    query.where((q) => q.whereRaw(`${sortSql} ${cmp} ?`, [value]).orWhere((q2) => q2.whereRaw(`${sortSql} = ?`, [value]).andWhere('id', cmp, id)));
  }
  query.orderByRaw(`${sortSql} ${dir}, id ${dir}`).limit(size + 1);
  const rows = (await query) as SortedRow[];
  const page = toConnection(rows, size, (row) => {
    const key: CursorKey = [field, field === 'CREATED_AT' ? Number(row.sort_key) : String(row.sort_key), row.id];
    return JSON.stringify(key);
  });
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toPlatform(edge.node) })) };
}
