import type { Ctx } from '../../kernel/context.js';
import { CustomerTables as T } from './customer.migrations.js';
import type { CustomerFigures } from './customer.records.js';
import { epochDateOrNull } from '../../db/epoch-column.js';

/**
 * Recomputes a customer's lifetime figures from their purchase rows: orders (purchases with a
 * positive amount), spend per currency (refunds subtract), first and last purchase, and the
 * preferred store (the location with the most purchases). Called after every recorded
 * purchase and after a merge; a handful of indexed statements for one customer.
 */
export async function refreshFigures(ctx: Ctx, customerId: string): Promise<void> {
  const totals = (await ctx
    .db(T.purchase)
    .where('customer_id', customerId)
    .select(ctx.db.raw('sum(case when amount > 0 then 1 else 0 end) as orders'), ctx.db.raw('min(occurred_at) as first_at'), ctx.db.raw('max(occurred_at) as last_at'))
    .first()) as { orders: number | string | null; first_at: number | string | null; last_at: number | string | null };
  const spend = (await ctx.db(T.purchase).where('customer_id', customerId).groupBy('currency').select('currency', ctx.db.raw('sum(amount) as amount'))) as { currency: string; amount: number | string }[];
  const preferred = (await ctx
    .db(T.purchase)
    .where('customer_id', customerId)
    .whereNotNull('location_id')
    .where('amount', '>', 0)
    .groupBy('location_id')
    .select('location_id', ctx.db.raw('count(*) as n'), ctx.db.raw('max(occurred_at) as latest'))
    .orderBy([{ column: 'n', order: 'desc' }, { column: 'latest', order: 'desc' }])
    .first()) as { location_id: string } | undefined;
  const now = Date.now();
  await ctx.db(T.stats).where('customer_id', customerId).delete();
  await ctx.db(T.stats).insert({
    customer_id: customerId,
    orders_count: Number(totals?.orders ?? 0),
    first_purchase_at: totals?.first_at === null || totals?.first_at === undefined ? null : Number(totals.first_at),
    last_purchase_at: totals?.last_at === null || totals?.last_at === undefined ? null : Number(totals.last_at),
    preferred_location_id: preferred?.location_id ?? null,
    updated_at: now,
  });
  await ctx.db(T.spend).where('customer_id', customerId).delete();
  if (spend.length > 0) await ctx.db(T.spend).insert(spend.map((s) => ({ customer_id: customerId, currency: s.currency, amount: Number(s.amount) })));
}

/** A customer's lifetime figures (zeros when they never bought anything). */
export async function figuresOf(ctx: Ctx, customerId: string): Promise<CustomerFigures> {
  const stats = (await ctx.db(T.stats).where('customer_id', customerId).first()) as
    | { orders_count: number | string; first_purchase_at: number | string | null; last_purchase_at: number | string | null; preferred_location_id: string | null }
    | undefined;
  const spend = (await ctx.db(T.spend).where('customer_id', customerId).orderBy('currency')) as { currency: string; amount: number | string }[];
  return {
    ordersCount: Number(stats?.orders_count ?? 0),
    spend: spend.map((s) => ({ currency: s.currency, amount: Number(s.amount) })),
    firstPurchaseAt: epochDateOrNull(stats?.first_purchase_at ?? null),
    lastPurchaseAt: epochDateOrNull(stats?.last_purchase_at ?? null),
    preferredLocationId: stats?.preferred_location_id ?? null,
  };
}
