import type { PermissionScope } from '../../../kernel/authorization.js';
import type { Ctx } from '../../../kernel/context.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../../gateway/connection.js';
import { LocationTables as T } from './location.migrations.js';
import { toLocation, type LocationRow, type LocationStatus, type LocationType, type StockLocation } from './location.records.js';

/** Filters of the stock locations list. */
export interface LocationFilter {
  type?: LocationType | null;
  status?: LocationStatus | null;
  pickupEnabled?: boolean | null;
  /** Part of the name or code, case-insensitive. */
  query?: string | null;
}

/** Arguments of the stock locations list. */
export type LocationListArgs = PageArgs & { filter?: LocationFilter | null };

/**
 * One page of stock locations ordered by code (unique, so it is the cursor), filtered, limited
 * to `scope` (the locations where the actor may read).
 */
export async function listLocations(ctx: Ctx, args: LocationListArgs, scope: PermissionScope): Promise<Connection<StockLocation>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(T.location).select('*');
  if (filter.type) query.where('type', filter.type);
  if (filter.status) query.where('status', filter.status);
  if (typeof filter.pickupEnabled === 'boolean') query.where('pickup_enabled', filter.pickupEnabled);
  const search = filter.query?.trim().toLowerCase();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.where((q) => q.whereRaw("lower(name) like ? escape '\\'", [like]).orWhereRaw("code like ? escape '\\'", [like]));
  }
  if (!scope.all && !scope.unscopedLocations) query.whereIn('id', [...scope.locationIds]);
  if (afterKey) query.where('code', '>', afterKey);
  const rows = (await query.orderBy('code', 'asc').limit(size + 1)) as LocationRow[];
  return toConnection(rows.map(toLocation), size, (l) => l.code);
}
