import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { OrderTables as O } from './fulfillment.migrations.js';

/** The columns of `sales_order` this module reads. */
export interface OrderFacts {
  id: string;
  platform_id: string;
  number: string;
  customer_id: string | null;
  mode: string;
  pickup_location_id: string | null;
  pickup_code: string | null;
  process_instance_id: string | null;
  status: string;
  total: number;
  currency: string;
}

/** The columns of `sales_order_line` this module reads and writes. */
export interface OrderLineFacts {
  id: string;
  order_id: string;
  variant_id: string;
  quantity: number;
  location_id: string;
  fulfilled_quantity: number;
  cancelled_quantity: number;
}

const ORDER_COLUMNS = ['id', 'platform_id', 'number', 'customer_id', 'mode', 'pickup_location_id', 'pickup_code', 'process_instance_id', 'status', 'total', 'currency'];
const LINE_COLUMNS = ['id', 'order_id', 'variant_id', 'quantity', 'location_id', 'fulfilled_quantity', 'cancelled_quantity'];

/** The order (NOT_FOUND when missing). */
export async function orderFacts(ctx: Ctx, orderId: string): Promise<OrderFacts> {
  const row = (await ctx.db(O.order).where('id', orderId).first(ORDER_COLUMNS)) as OrderFacts | undefined;
  if (!row) throw errors.notFound('Order', orderId);
  return row;
}

/** The order with this number (numbers carry their platform's prefix), or null. */
export async function orderByNumber(ctx: Ctx, number: string): Promise<OrderFacts | null> {
  const row = (await ctx.db(O.order).where('number', number).first(ORDER_COLUMNS)) as OrderFacts | undefined;
  return row ?? null;
}

/** The lines of an order, by id. */
export async function orderLines(ctx: Ctx, orderId: string): Promise<OrderLineFacts[]> {
  const rows = (await ctx.db(O.line).where('order_id', orderId).select(LINE_COLUMNS)) as OrderLineFacts[];
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), fulfilled_quantity: Number(r.fulfilled_quantity ?? 0), cancelled_quantity: Number(r.cancelled_quantity ?? 0) }));
}
