import type { Ctx } from '../../kernel/context.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { PricingTables as T } from './pricing.tables.js';
import { toPriceList, type PriceList, type PriceListRow, type PriceListStatus } from './pricing.records.js';

/** Filters of the price lists list. */
export interface PriceListFilter {
  status?: PriceListStatus | null;
  currency?: string | null;
  /** Part of the name or code, case-insensitive. */
  search?: string | null;
}

/** Arguments of the price lists list. */
export type PriceListListArgs = PageArgs & { filter?: PriceListFilter | null };

/** One page of price lists, newest first (ids are time-ordered: they are the cursor). */
export async function listPriceLists(ctx: Ctx, args: PriceListListArgs): Promise<Connection<PriceList>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(T.priceList).orderBy('id', 'desc').limit(size + 1);
  if (filter.status) query.where('status', filter.status);
  if (filter.currency) query.where('currency', filter.currency.trim().toUpperCase());
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.where((q) => q.whereRaw("lower(name) like ? escape '\\'", [like]).orWhereRaw("code like ? escape '\\'", [like]));
  }
  if (afterKey) query.where('id', '<', afterKey);
  const rows = (await query) as PriceListRow[];
  return toConnection(rows.map(toPriceList), size, (list) => list.id);
}
