import type { Ctx } from '../../kernel/context.js';
import { ProcessTables } from '../processes/index.js';
import { OrderTables as T } from './order.migrations.js';
import type { OrderStatus } from './order.records.js';

/** The order status an instance's status and outcome mean. */
export function statusOfInstance(instance: { status: string; outcome: string | null }): OrderStatus {
  if (instance.status !== 'ended') return 'open';
  return instance.outcome === 'cancelled' ? 'cancelled' : 'completed';
}

/**
 * Copies the state and status of an order's process instance onto the order (so lists filter
 * by state without a join). Idempotent; returns the state, or null when the order has no instance.
 */
export async function syncOrderFromProcess(ctx: Ctx, orderId: string): Promise<{ state: string; status: OrderStatus } | null> {
  const instance = (await ctx.db(ProcessTables.instance).where({ kind: 'order', subject_id: orderId }).first('id', 'state', 'status', 'outcome')) as
    | { id: string; state: string; status: string; outcome: string | null }
    | undefined;
  if (!instance) return null;
  const status = statusOfInstance(instance);
  const now = Date.now();
  await ctx.db(T.order)
    .where('id', orderId)
    .andWhere((q) => q.whereNot('state', instance.state).orWhereNot('status', status))
    .update({ state: instance.state, status, updated_at: now, ...(status === 'cancelled' ? { cancelled_at: ctx.db.raw('coalesce(cancelled_at, ?)', [now]) } : {}) });
  return { state: instance.state, status };
}
