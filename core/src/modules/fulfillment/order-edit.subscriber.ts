import type { Ctx } from '../../kernel/context.js';
import type { SubscriberHandler } from '../../kernel/plugin.js';
import { inTransaction } from '../../db/transaction.js';
import { FulfillmentCreation, type NewFulfillment } from './fulfillment-creation.js';
import { FulfillmentProcess } from './fulfillment-process.js';
import { fulfillmentsOfOrder, linesOf, loadFulfillment } from './fulfillment-store.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { FULFILLED_STATES, type FulfillmentLineRow } from './fulfillment.records.js';
import { orderFacts, orderLines } from './order-reads.js';
import { asSystem } from './system-ctx.js';

/**
 * After an order edit (`order.edited`), the fulfillments follow the lines: quantities the order
 * no longer wants leave its open, not yet shipped fulfillments (newest first; a fulfillment left
 * empty is cancelled), and lines the edit added — never in any fulfillment — get a fulfillment
 * at their location. Quantities left unassigned by a cancelled fulfillment stay unassigned
 * (staff decide with `createFulfillment`). Idempotent: it recomputes from the lines.
 */
export const orderEditSync: SubscriberHandler = async (event, ctx, scope) => {
  const { orderId } = event.payload as { orderId: string };
  await inTransaction(asSystem(ctx), async (trx) => {
    const order = await orderFacts(trx, orderId);
    if (order.status !== 'open') return;
    const wanted = new Map((await orderLines(trx, orderId)).map((l) => [l.id, { quantity: l.quantity - l.cancelled_quantity, locationId: l.location_id }]));
    const fulfillments = await fulfillmentsOfOrder(trx, orderId);
    const lines = await linesOf(trx, fulfillments.map((f) => f.id));
    const live = new Set(fulfillments.filter((f) => f.status !== 'cancelled').map((f) => f.id));
    const reducible = new Set(fulfillments.filter((f) => f.status === 'open' && !FULFILLED_STATES.includes(f.state)).map((f) => f.id));
    const touched = new Set<string>();
    for (const [lineId, want] of wanted) {
      const held = lines.filter((l) => l.order_line_id === lineId && live.has(l.fulfillment_id));
      let excess = held.reduce((s, l) => s + l.quantity, 0) - want.quantity;
      for (const l of held.filter((h) => reducible.has(h.fulfillment_id)).reverse()) {
        if (excess <= 0) break;
        excess -= await reduce(trx, l, excess);
        touched.add(l.fulfillment_id);
      }
    }
    // Lines no fulfillment ever held (added by the edit) get one per location.
    const groups = new Map<string, NewFulfillment>();
    for (const [lineId, want] of wanted) {
      if (want.quantity <= 0 || lines.some((l) => l.order_line_id === lineId)) continue;
      const group = groups.get(want.locationId) ?? { locationId: want.locationId, lines: [] };
      group.lines.push({ orderLineId: lineId, quantity: want.quantity });
      groups.set(want.locationId, group);
    }
    if (groups.size > 0) {
      await scope.container.resolve(FulfillmentCreation).create(trx, { id: order.id, platformId: order.platform_id, customerId: order.customer_id, number: order.number, total: order.total, currency: order.currency, mode: order.mode }, [...groups.values()]);
    }
    await cancelEmpty(trx, scope.container.resolve(FulfillmentProcess), [...touched]);
  });
};

async function reduce(trx: Ctx, line: FulfillmentLineRow, excess: number): Promise<number> {
  const take = Math.min(excess, line.quantity);
  if (take === line.quantity) await trx.db(T.line).where('id', line.id).delete();
  else await trx.db(T.line).where('id', line.id).update({ quantity: line.quantity - take });
  return take;
}

async function cancelEmpty(trx: Ctx, process: FulfillmentProcess, ids: string[]): Promise<void> {
  for (const id of ids) {
    if ((await linesOf(trx, [id])).length > 0) continue;
    const row = await loadFulfillment(trx, id);
    if (await process.canTake(trx, row, 'cancel')) await process.take(trx, row, 'cancel', { reason: 'order edited' }, { cancel_reason: 'order edited' });
  }
}
