import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { insertInChunks } from '../../db/bulk-insert.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { formatMoney } from '../pricing/money.js';
import { ProcessService } from '../processes/index.js';
import type { PlacedOrderView } from '../orders/order-placement.types.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { statusOf, type FulfillmentLineRow, type FulfillmentMode, type FulfillmentRow } from './fulfillment.records.js';

/** One fulfillment to create: where, and which order-line quantities. */
export interface NewFulfillment {
  locationId: string;
  lines: { orderLineId: string; quantity: number }[];
}

/** What creation needs to know of the order. */
export interface OrderForCreation {
  id: string;
  platformId: string;
  customerId: string | null;
  number: string;
  total: number;
  currency: string;
  mode: string;
}

/** The fulfillment mode of an order's delivery mode (carry-out sales have none). */
export function fulfillmentModeOf(orderMode: string): FulfillmentMode | null {
  if (orderMode === 'carry_out') return null;
  return orderMode === 'pickup' || orderMode === 'order_ahead' ? 'pickup' : 'ship';
}

/**
 * Writes fulfillments with their lines and starts their processes (kind `fulfillment`, mode
 * ship or pickup). Batched: one insert for the fulfillments and one for the lines, whatever
 * their number — placement runs this inside the checkout transaction.
 */
@injectable()
export class FulfillmentCreation {
  constructor(
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(Tokens.EventBus) private readonly events: EventBus,
  ) {}

  /** The order hook: one fulfillment per source location (none for carry-out sales). */
  async afterPlace(trx: Ctx, order: PlacedOrderView): Promise<void> {
    const byLocation = new Map<string, NewFulfillment>();
    for (const line of order.lines) {
      const group = byLocation.get(line.locationId) ?? { locationId: line.locationId, lines: [] };
      group.lines.push({ orderLineId: line.id, quantity: line.quantity });
      byLocation.set(line.locationId, group);
    }
    await this.create(trx, { id: order.id, platformId: order.platformId, customerId: order.customerId, number: order.number, total: order.total, currency: order.currency, mode: order.mode }, [...byLocation.values()]);
  }

  /** Creates the fulfillments (pending, processes started) and returns their rows. */
  async create(trx: Ctx, order: OrderForCreation, groups: NewFulfillment[]): Promise<FulfillmentRow[]> {
    const mode = fulfillmentModeOf(order.mode);
    if (!mode || groups.length === 0) return [];
    const now = Date.now();
    const amount = formatMoney({ amount: Number(order.total), currency: order.currency });
    const rows: FulfillmentRow[] = [];
    const lines: FulfillmentLineRow[] = [];
    for (const group of groups) {
      const id = newId('ful');
      const instance = await this.processes.start(trx, {
        kind: 'fulfillment',
        mode,
        subjectId: id,
        platformId: order.platformId,
        customerId: order.customerId,
        data: { orderId: order.id, orderNumber: order.number, amount, locationId: group.locationId },
      });
      rows.push({
        id,
        order_id: order.id,
        platform_id: order.platformId,
        location_id: group.locationId,
        mode,
        state: instance.state,
        status: statusOf(instance),
        process_instance_id: instance.id,
        carrier: null,
        tracking_number: null,
        tracking_url: null,
        cancel_reason: null,
        packed_at: null,
        shipped_at: null,
        delivered_at: null,
        collected_by_staff_id: null,
        created_at: now,
        updated_at: now,
      });
      for (const line of group.lines) lines.push({ id: newId('fln'), fulfillment_id: id, order_line_id: line.orderLineId, quantity: line.quantity });
    }
    await trx.db(T.fulfillment).insert(rows);
    await insertInChunks(trx.db, T.line, lines, 200);
    for (const row of rows) {
      await this.events.publish(
        trx,
        'fulfillment.created',
        { fulfillmentId: row.id, orderId: order.id, platformId: order.platformId, locationId: row.location_id, mode, lines: lines.filter((l) => l.fulfillment_id === row.id).map((l) => ({ orderLineId: l.order_line_id, quantity: l.quantity })) },
        { platformId: order.platformId },
      );
    }
    return rows;
  }
}
