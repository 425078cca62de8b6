import type { Knex } from 'knex';
import { defineJob } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { CartTables as T } from './cart.migrations.js';

/** A cart untouched this long is ABANDONED. */
export const CART_ABANDON_AFTER_MS = 30 * 86_400_000;

/** Marks carts (not drafts) untouched for 30 days before `now` as abandoned; returns how many. */
export async function abandonCarts(db: Knex, now = Date.now()): Promise<number> {
  return db(T.cart)
    .whereIn('status', ['active', 'checking_out'])
    .where('kind', 'cart')
    .where('updated_at', '<', now - CART_ABANDON_AFTER_MS)
    .update({ status: 'abandoned', reserved_until: null });
}

/** Daily job `carts.abandon` (stock holds expire through the inventory module's own job). */
export const abandonCartsJob = defineJob({
  name: 'carts.abandon',
  description: 'Marks carts untouched for 30 days as abandoned',
  cron: '17 4 * * *',
  async run(_payload, _ctx, scope) {
    const count = await abandonCarts(scope.container.resolve(Tokens.Database));
    if (count > 0) scope.logger.info({ count }, 'abandoned stale carts');
  },
});
