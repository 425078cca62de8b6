import type { Ctx } from '../../kernel/context.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { PricingTables as T } from './pricing.tables.js';
import { toPrice, type Price, type PriceList, type PriceRow } from './pricing.records.js';

/** Filters of a list's prices. */
export interface PriceFilter {
  variantId?: string | null;
  /** Only prices of this customer group. */
  customerGroupId?: string | null;
  /** true: only prices for everyone; false: only group prices. */
  base?: boolean | null;
  /** Only prices in force at this moment (their date range holds it). */
  activeAt?: Date | string | null;
}

/** Arguments of a list's prices. */
export type PriceListArgs = PageArgs & { filter?: PriceFilter | null };

/** One page of a list's prices, oldest first (ids are time-ordered: they are the cursor). */
export async function listPrices(ctx: Ctx, list: PriceList, args: PriceListArgs): Promise<Connection<Price>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(T.price).where('price_list_id', list.id).orderBy('id', 'asc').limit(size + 1);
  if (filter.variantId) query.where('variant_id', filter.variantId);
  if (filter.customerGroupId) query.where('customer_group_id', filter.customerGroupId);
  if (filter.base === true) query.whereNull('customer_group_id');
  if (filter.base === false) query.whereNotNull('customer_group_id');
  if (filter.activeAt) {
    const at = new Date(filter.activeAt).getTime();
    query.where((q) => q.whereNull('starts_at').orWhere('starts_at', '<=', at));
    query.where((q) => q.whereNull('ends_at').orWhere('ends_at', '>', at));
  }
  if (afterKey) query.where('id', '>', afterKey);
  const rows = (await query.select('*')) as PriceRow[];
  return toConnection(
    rows.map((row) => toPrice(row, list.currency)),
    size,
    (price) => price.id,
  );
}

/** Every price of a variant (in one list, or all), by list then id; at most 500. */
export async function pricesOfVariant(ctx: Ctx, variantId: string, priceListId: string | null): Promise<Price[]> {
  const query = ctx
    .db(`${T.price} as p`)
    .join(`${T.priceList} as l`, 'l.id', 'p.price_list_id')
    .where('p.variant_id', variantId)
    .orderBy([{ column: 'p.price_list_id' }, { column: 'p.id' }])
    .limit(500)
    .select('p.*', 'l.currency as list_currency');
  if (priceListId) query.where('p.price_list_id', priceListId);
  const rows = (await query) as (PriceRow & { list_currency: string })[];
  return rows.map((row) => toPrice(row, row.list_currency));
}
