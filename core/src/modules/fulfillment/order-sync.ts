import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { syncOrderFromProcess } from '../orders/order-sync.js';
import { LocationService } from '../inventory/locations/index.js';
import { ProcessService, type ProcessInstance } from '../processes/index.js';
import { pickupQrDataUrl } from './pickup-qr.js';
import { OrderTables as O } from './fulfillment.migrations.js';
import { FULFILLED_STATES, type FulfillmentRow } from './fulfillment.records.js';
import { assignedQuantities, fulfillmentsOfOrder } from './fulfillment-store.js';
import { orderFacts, orderLines, type OrderFacts } from './order-reads.js';
import { asSystem } from './system-ctx.js';

/**
 * Keeps the order in step with its fulfillments, in the caller's transaction: the order lines'
 * `fulfilled_quantity` (quantities in shipped or delivered fulfillments), and the order's own
 * process — `ship` once every fulfillment that is not cancelled has shipped, `deliver` once all
 * are delivered (ship orders); `mark_ready` once all are packed, `collect` once all were handed
 * over (pickup and order-ahead orders). Order transitions are taken
 * as the system and only when the order's process offers them from where it stands (a process
 * staff edited may differ: then the order is left as it is).
 */
@injectable()
export class OrderSync {
  constructor(
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(LocationService) private readonly locations: LocationService,
  ) {}

  /** Recomputes fulfilled quantities and moves the order on when its fulfillments allow. */
  async afterChange(trx: Ctx, orderId: string): Promise<void> {
    const order = await orderFacts(trx, orderId);
    await this.syncFulfilledQuantities(trx, orderId);
    const live = await this.live(trx, orderId);
    if (live.length === 0) return;
    if (order.mode === 'ship') await this.shipOrder(trx, order, live);
    else if (order.mode === 'pickup' || order.mode === 'order_ahead') await this.pickupOrder(trx, order, live);
  }

  /** Ship orders: `ship` once every live fulfillment shipped (tracking of the last parcel), `deliver` once all are delivered. */
  private async shipOrder(trx: Ctx, order: OrderFacts, live: FulfillmentRow[]): Promise<void> {
    if (live.every((f) => f.state === 'shipped' || f.state === 'delivered')) {
      const last = [...live].filter((f) => f.tracking_number).sort((a, b) => Number(a.shipped_at ?? 0) - Number(b.shipped_at ?? 0)).at(-1);
      await this.orderTransition(trx, order, 'ship', last ? { trackingNumber: last.tracking_number, trackingUrl: last.tracking_url, carrier: last.carrier } : {});
    }
    if (live.every((f) => f.state === 'delivered')) await this.orderTransition(trx, order, 'deliver', {});
  }

  /**
   * Pickup orders: `mark_ready` once every live fulfillment is packed (its message shows the
   * pickup code, its QR image and the store), `collect` once all were handed over.
   */
  private async pickupOrder(trx: Ctx, order: OrderFacts, live: FulfillmentRow[]): Promise<void> {
    if (live.every((f) => f.state !== 'pending')) await this.orderTransition(trx, order, 'mark_ready', () => this.pickupFacts(trx, order, live[0]!.location_id));
    if (live.every((f) => f.state === 'delivered')) await this.orderTransition(trx, order, 'collect', {});
  }

  private async pickupFacts(trx: Ctx, order: OrderFacts, fallbackLocationId: string): Promise<Record<string, unknown>> {
    const [location] = await this.locations.byIds(trx, [order.pickup_location_id ?? fallbackLocationId]);
    const facts: Record<string, unknown> = { locationName: location?.name ?? null };
    if (order.pickup_code) Object.assign(facts, { pickupCode: order.pickup_code, qrImageUrl: await pickupQrDataUrl(order.number, order.pickup_code) });
    return facts;
  }

  /** Sets `fulfilled_quantity` of the order's lines from its fulfillments (idempotent). */
  async syncFulfilledQuantities(trx: Ctx, orderId: string): Promise<void> {
    const [lines, { fulfilled }] = await Promise.all([orderLines(trx, orderId), assignedQuantities(trx, orderId, FULFILLED_STATES)]);
    for (const line of lines) {
      const value = fulfilled.get(line.id) ?? 0;
      if (value !== line.fulfilled_quantity) await trx.db(O.line).where('id', line.id).update({ fulfilled_quantity: value });
    }
  }

  /** The live (not cancelled) fulfillments of an order. */
  async live(trx: Ctx, orderId: string): Promise<FulfillmentRow[]> {
    return (await fulfillmentsOfOrder(trx, orderId)).filter((f) => f.status !== 'cancelled');
  }

  /**
   * Puts `facts` into the order's process data and takes `name` as the system when the process
   * offers it now. Returns the instance afterwards, or null when the transition was not offered.
   */
  async orderTransition(trx: Ctx, order: OrderFacts, name: string, facts: Record<string, unknown> | (() => Promise<Record<string, unknown>>)): Promise<ProcessInstance | null> {
    if (!order.process_instance_id) return null;
    const system = asSystem(trx);
    const instance = await this.processes.get(system, order.process_instance_id);
    const offered = (await this.processes.availableTransitions(system, instance)).some((t) => t.name === name);
    if (!offered) return null;
    const given = typeof facts === 'function' ? await facts() : facts;
    const present = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null));
    if (Object.keys(present).length > 0) await this.processes.updateData(system, order.process_instance_id, present);
    const moved = await this.processes.transition(system, order.process_instance_id, name);
    // The order row keeps its process state for lists: update it now, not when the event arrives.
    await syncOrderFromProcess(trx, order.id);
    return moved;
  }
}
