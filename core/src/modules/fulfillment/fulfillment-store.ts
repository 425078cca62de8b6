import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import type { FulfillmentLineRow, FulfillmentRow } from './fulfillment.records.js';

/** Loads a fulfillment row (NOT_FOUND when missing). */
export async function loadFulfillment(ctx: Ctx, id: string): Promise<FulfillmentRow> {
  const row = (await ctx.db(T.fulfillment).where('id', id).first()) as FulfillmentRow | undefined;
  if (!row) throw errors.notFound('Fulfillment', id);
  return row;
}

/** The fulfillments of an order, oldest first. */
export async function fulfillmentsOfOrder(ctx: Ctx, orderId: string): Promise<FulfillmentRow[]> {
  return (await ctx.db(T.fulfillment).where('order_id', orderId).orderBy('id')) as FulfillmentRow[];
}

/** The lines of these fulfillments. */
export async function linesOf(ctx: Ctx, fulfillmentIds: readonly string[]): Promise<FulfillmentLineRow[]> {
  if (fulfillmentIds.length === 0) return [];
  const rows = (await ctx.db(T.line).whereIn('fulfillment_id', [...fulfillmentIds]).orderBy('id')) as FulfillmentLineRow[];
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/**
 * Quantity per order line held by the order's fulfillments that are not cancelled, and the
 * part of it that counts as fulfilled (states in `fulfilledStates`).
 */
export async function assignedQuantities(ctx: Ctx, orderId: string, fulfilledStates: readonly string[]): Promise<{ assigned: Map<string, number>; fulfilled: Map<string, number> }> {
  const rows = (await ctx.db(`${T.line} as l`)
    .join(`${T.fulfillment} as f`, 'f.id', 'l.fulfillment_id')
    .where('f.order_id', orderId)
    .whereNot('f.status', 'cancelled')
    .select('l.order_line_id', 'l.quantity', 'f.state')) as { order_line_id: string; quantity: number; state: string }[];
  const assigned = new Map<string, number>();
  const fulfilled = new Map<string, number>();
  for (const r of rows) {
    assigned.set(r.order_line_id, (assigned.get(r.order_line_id) ?? 0) + Number(r.quantity));
    if (fulfilledStates.includes(r.state)) fulfilled.set(r.order_line_id, (fulfilled.get(r.order_line_id) ?? 0) + Number(r.quantity));
  }
  return { assigned, fulfilled };
}
