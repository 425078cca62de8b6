import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { inTransaction } from '../../db/transaction.js';
import { requireFulfillmentAccess } from './fulfillment-access.js';
import { FulfillmentCreation, fulfillmentModeOf } from './fulfillment-creation.js';
import { FulfillmentProcess } from './fulfillment-process.js';
import { assignedQuantities, linesOf, loadFulfillment } from './fulfillment-store.js';
import { cancelSchema, createSchema, mergeLines, shipSchema, splitSchema, type CreateFulfillmentInput, type ShipInput, type SplitLinesInput } from './fulfillment.inputs.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { FulfillmentPermission as P } from './fulfillment.permissions.js';
import { FULFILLED_STATES, toFulfillment, type Fulfillment, type FulfillmentRow } from './fulfillment.records.js';
import { orderFacts, orderLines } from './order-reads.js';
import { OrderSync } from './order-sync.js';
import { asSystem } from './system-ctx.js';

/**
 * Staff operations on fulfillments: pack, ship, deliver, cancel, split, and create one for
 * unassigned quantities. Each is one transaction; each state change is a transition of the
 * fulfillment's process taken by the staff member (the process's triggers decide), and the
 * order follows (see {@link OrderSync}). Needs `fulfillment.manage` at the location.
 */
@injectable()
export class FulfillmentService {
  constructor(
    @inject(FulfillmentProcess) private readonly process: FulfillmentProcess,
    @inject(FulfillmentCreation) private readonly creation: FulfillmentCreation,
    @inject(OrderSync) private readonly sync: OrderSync,
  ) {}

  /** pending → packed. */
  pack(ctx: Ctx, id: string): Promise<Fulfillment> {
    return this.move(ctx, id, 'pack', {});
  }

  /** packed → shipped, with the parcel's tracking. */
  ship(ctx: Ctx, id: string, input: ShipInput): Promise<Fulfillment> {
    const data = parseInput(shipSchema, input, 'The shipment', 'FULFILLMENT_INPUT_INVALID', 'input');
    const changes = { carrier: data.carrier ?? null, tracking_number: data.trackingNumber, tracking_url: data.trackingUrl ?? null };
    return this.move(ctx, id, 'ship', { trackingNumber: data.trackingNumber, trackingUrl: data.trackingUrl ?? null, carrier: data.carrier ?? null }, changes);
  }

  /** shipped → delivered. */
  deliver(ctx: Ctx, id: string): Promise<Fulfillment> {
    return this.move(ctx, id, 'deliver', {});
  }

  /**
   * Cancels an open fulfillment: its quantities become unassigned again (the order still wants
   * them, so no stock is given back — cancelling the ORDER restocks). See {@link create}.
   */
  cancel(ctx: Ctx, id: string, reason?: string | null): Promise<Fulfillment> {
    const data = parseInput(cancelSchema, { reason }, 'The cancellation', 'FULFILLMENT_INPUT_INVALID');
    return this.move(ctx, id, 'cancel', { reason: data.reason ?? null }, { cancel_reason: data.reason ?? null });
  }

  /**
   * Creates a fulfillment at `locationId` for unassigned quantities of an open order (after a
   * cancelled fulfillment or an order edit). Stock is not moved between locations: a line
   * sourced elsewhere is refused with CONFLICT LOCATION_MISMATCH.
   */
  async create(ctx: Ctx, orderId: string, input: CreateFulfillmentInput): Promise<Fulfillment> {
    const data = parseInput(createSchema, input, 'The fulfillment', 'FULFILLMENT_INPUT_INVALID', 'input');
    return inTransaction(ctx, async (trx) => {
      const order = await orderFacts(trx, orderId);
      requireFulfillmentAccess(trx, P.Manage, { locationId: data.locationId, platformId: order.platform_id });
      if (order.status !== 'open') throw errors.conflict(`Order ${order.number} is ${order.status}`, 'ORDER_NOT_OPEN');
      if (!fulfillmentModeOf(order.mode)) throw errors.conflict('Carry-out sales have no fulfillments', 'ORDER_NOT_FULFILLABLE');
      const lines = new Map((await orderLines(trx, orderId)).map((l) => [l.id, l]));
      const { assigned } = await assignedQuantities(trx, orderId, FULFILLED_STATES);
      const wanted = mergeLines(data.lines);
      wanted.forEach((w, i) => {
        const line = lines.get(w.orderLineId);
        if (!line) throw errors.badInput(`Line ${w.orderLineId} is not a line of order ${order.number}`, [{ path: `input.lines.${i}.orderLineId`, message: 'is not a line of this order' }], 'ORDER_LINE_UNKNOWN');
        if (line.location_id !== data.locationId) {
          throw errors.conflict(`Line ${w.orderLineId} is sold from location ${line.location_id}; moving a sale between locations is not supported`, 'LOCATION_MISMATCH');
        }
        const free = line.quantity - line.cancelled_quantity - (assigned.get(line.id) ?? 0);
        if (w.quantity > free) throw errors.badInput(`Only ${free} of line ${w.orderLineId} are unassigned`, [{ path: `input.lines.${i}.quantity`, message: `at most ${free}` }], 'QUANTITY_NOT_UNASSIGNED');
      });
      const [row] = await this.creation.create(trx, { id: order.id, platformId: order.platform_id, customerId: order.customer_id, number: order.number, total: order.total, currency: order.currency, mode: order.mode }, [{ locationId: data.locationId, lines: wanted }]);
      return toFulfillment(row!);
    });
  }

  /**
   * Partial fulfillment: moves the given quantities out of an open, not yet shipped fulfillment
   * into a new pending one at the same location, so the rest can go now. Returns the new one.
   */
  async split(ctx: Ctx, id: string, input: SplitLinesInput): Promise<Fulfillment> {
    const data = parseInput(splitSchema, { lines: input }, 'The split', 'FULFILLMENT_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const row = await this.load(trx, id, P.Manage);
      if (row.status !== 'open' || FULFILLED_STATES.includes(row.state)) throw errors.conflict(`Fulfillment ${id} is ${row.state}; only open fulfillments not yet shipped can be split`, 'FULFILLMENT_NOT_SPLITTABLE');
      const current = await linesOf(trx, [id]);
      const moving = mergeLines(data.lines);
      moving.forEach((m, i) => {
        const have = current.filter((l) => l.order_line_id === m.orderLineId).reduce((s, l) => s + l.quantity, 0);
        if (have === 0) throw errors.badInput(`Line ${m.orderLineId} is not in fulfillment ${id}`, [{ path: `lines.${i}.orderLineId`, message: 'is not in this fulfillment' }], 'ORDER_LINE_UNKNOWN');
        if (m.quantity > have) throw errors.badInput(`Fulfillment ${id} holds only ${have} of line ${m.orderLineId}`, [{ path: `lines.${i}.quantity`, message: `at most ${have}` }], 'QUANTITY_TOO_LARGE');
      });
      const total = current.reduce((s, l) => s + l.quantity, 0);
      if (moving.reduce((s, m) => s + m.quantity, 0) >= total) throw errors.badInput('A split must leave something in the fulfillment', [{ path: 'lines', message: 'moves everything' }], 'SPLIT_EVERYTHING');
      for (const m of moving) await this.reduceLine(trx, current.filter((l) => l.order_line_id === m.orderLineId), m.quantity);
      const order = await orderFacts(trx, row.order_id);
      const [created] = await this.creation.create(trx, { id: order.id, platformId: order.platform_id, customerId: order.customer_id, number: order.number, total: order.total, currency: order.currency, mode: order.mode }, [{ locationId: row.location_id, lines: moving }]);
      return toFulfillment(created!);
    });
  }

  /** The order hook: cancels the order's open fulfillments where their process allows it. */
  async afterOrderCancelled(trx: Ctx, orderId: string): Promise<void> {
    const system = asSystem(trx);
    const rows = (await trx.db(T.fulfillment).where({ order_id: orderId, status: 'open' }).orderBy('id')) as FulfillmentRow[];
    for (const row of rows) {
      if (await this.process.canTake(system, row, 'cancel')) await this.process.take(system, row, 'cancel', { reason: 'order cancelled' }, { cancel_reason: 'order cancelled' });
    }
  }

  /** Loads a fulfillment and checks `permission` at its location. */
  async load(ctx: Ctx, id: string, permission: string): Promise<FulfillmentRow> {
    const row = await loadFulfillment(ctx, id);
    requireFulfillmentAccess(ctx, permission, { locationId: row.location_id, platformId: row.platform_id });
    return row;
  }

  private async move(ctx: Ctx, id: string, transition: string, input: Record<string, unknown>, changes = {}): Promise<Fulfillment> {
    return inTransaction(ctx, async (trx) => {
      const row = await this.load(trx, id, P.Manage);
      const next = await this.process.take(trx, row, transition, input, changes);
      await this.sync.afterChange(trx, row.order_id);
      return toFulfillment(next);
    });
  }

  private async reduceLine(trx: Ctx, rows: { id: string; quantity: number }[], quantity: number): Promise<void> {
    let left = quantity;
    for (const line of rows) {
      if (left === 0) return;
      const take = Math.min(left, line.quantity);
      if (take === line.quantity) await trx.db(T.line).where('id', line.id).delete();
      else await trx.db(T.line).where('id', line.id).update({ quantity: line.quantity - take });
      left -= take;
    }
  }
}
