import type { Ctx } from '../../kernel/context.js';
import type { ScalePlan } from '../../kernel/plugin.js';
import { newId } from '../../kernel/ids.js';
import { insertInChunks } from '../../db/bulk-insert.js';
import { PricingTables as T } from './pricing.tables.js';

const PAGE = 2_000;

/** A stable price for the n-th variant: 9.99 to 199.99 in the list's minor units, ending in 99. */
function amountFor(n: number): number {
  return (((n * 7919) % 191) + 9) * 100 + 99;
}

/**
 * `plaza seed --scale N`, pricing part: a base price in every price list an active platform
 * uses for every variant that has none there (the generated ones), 1 in 10 with a compare-at
 * price. Pages through variants by id.
 */
export async function seedPricingScale(ctx: Ctx, plan: ScalePlan): Promise<void> {
  const lists = ((await ctx.db('platform').where('status', 'active').whereNotNull('price_list_id').distinct('price_list_id')) as { price_list_id: string }[]).map((r) => r.price_list_id);
  const total = plan.products * plan.variantsPerProduct * lists.length;
  let done = 0;
  for (const listId of lists) {
    let after = '';
    for (;;) {
      const page = (await ctx
        .db('catalog_variant as v')
        .where('v.id', '>', after)
        .whereNotExists((q) => q.select(ctx.db.raw('1')).from(`${T.price} as p`).whereRaw('p.variant_id = v.id').andWhere('p.price_list_id', listId))
        .orderBy('v.id')
        .limit(PAGE)
        .select('v.id')) as { id: string }[];
      if (page.length === 0) break;
      const now = Date.now();
      const rows = page.map((v, i) => {
        const amount = amountFor(done + i);
        return { id: newId('prc'), price_list_id: listId, variant_id: v.id, amount, compare_at_amount: (done + i) % 10 === 0 ? amount + 1_000 : null, customer_group_id: null, starts_at: null, ends_at: null, min_quantity: 1, created_at: now, updated_at: now };
      });
      await ctx.db.transaction((trx) => insertInChunks(trx, T.price, rows));
      done += page.length;
      after = page[page.length - 1]!.id;
      plan.progress('prices', Math.min(done, total), total);
    }
  }
}
