import { inject, injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { InventoryService } from '../inventory/index.js';
import { PickupSlotService } from '../pickup-slots/index.js';
import { ProcessService, type AvailableTransition } from '../processes/index.js';
import { OrderHooks } from './order-hooks.js';
import { OrderPayments } from './order-payments.js';
import { systemOn } from './order-placement.js';
import { syncOrderFromProcess } from './order-sync.js';
import { OrderTables as T } from './order.migrations.js';
import { OrderPermission as P } from './order.permissions.js';
import { toLine, toOrder, type LineRow, type Order, type OrderRow } from './order.records.js';
import { OrderTokens } from './order.tokens.js';

/** Preferred names among the transitions that end an order cancelled. */
const PREFERRED = ['cancel', 'void', 'reject'];

/** The cancel-like transition the actor may take now: one whose target state ends the order cancelled. */
export function pickCancelTransition(available: AvailableTransition[]): AvailableTransition | null {
  const cancelling = available.filter((t) => t.outcome === 'cancelled');
  cancelling.sort((a, b) => rank(a.name) - rank(b.name));
  return cancelling[0] ?? null;
}

function rank(name: string): number {
  const i = PREFERRED.indexOf(name);
  return i === -1 ? PREFERRED.length : i;
}

/**
 * Cancels orders: the process's cancel-like transition, then in the same transaction every
 * unfulfilled, uncancelled quantity back on hand at its line's location, active reservations
 * and a booked pickup slot released, and the {@link OrderHooks}; after commit, captured
 * payments are refunded and authorizations voided (keys `${orderId}:cancel:${paymentId}`).
 */
@injectable()
export class OrderCancellation {
  constructor(
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(InventoryService) private readonly inventory: InventoryService,
    @inject(PickupSlotService) private readonly slots: PickupSlotService,
    @inject(OrderHooks) private readonly hooks: OrderHooks,
    @inject(OrderPayments) private readonly payments: OrderPayments,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(OrderTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Staff cancel (`orders.manage`; the process decides which staff may take its transition). */
  async cancelAsStaff(ctx: Ctx, orderId: string, reason: string | null, expectedSeq?: number | null): Promise<Order> {
    const order = await this.load(ctx, orderId);
    requirePermission(ctx, P.Manage, { platformId: order.platformId });
    return this.cancel(ctx, order, reason, expectedSeq ?? null);
  }

  /** The signed-in customer cancels their own order, when the process lets customers cancel now. */
  async cancelAsCustomer(ctx: Ctx, orderId: string): Promise<Order> {
    const row = (await ctx.db(T.order).where('id', orderId).first()) as OrderRow | undefined;
    if (!row || ctx.actor?.kind !== 'customer' || row.customer_id !== ctx.actor.id) throw errors.notFound('Order', orderId);
    return this.cancel(ctx, toOrder(row), 'Cancelled by the customer', null);
  }

  private async cancel(ctx: Ctx, order: Order, reason: string | null, expectedSeq: number | null): Promise<Order> {
    if (order.status === 'cancelled') throw errors.conflict('This order is already cancelled', 'ORDER_ALREADY_CANCELLED');
    if (!order.processInstanceId) throw errors.conflict('This order has no process', 'ORDER_WITHOUT_PROCESS');
    const instance = await this.processes.get(systemOn(ctx), order.processInstanceId);
    const transition = pickCancelTransition(await this.processes.availableTransitions(ctx, instance));
    if (!transition) {
      throw new PlazaError('CONFLICT', `This order cannot be cancelled now (it is ${order.state})`, { reason: 'ORDER_NOT_CANCELLABLE', details: { state: order.state } });
    }
    const refundable = await this.payments.refundable(ctx, order.id);
    const cancelled = await inTransaction(ctx, async (trx) => {
      await this.processes.transition(trx, order.processInstanceId!, transition.name, { input: { reason }, expectedSeq });
      await syncOrderFromProcess(trx, order.id);
      const system = systemOn(trx);
      const lines = ((await trx.db(T.line).where('order_id', order.id).orderBy('position')) as LineRow[]).map(toLine);
      for (const line of lines) {
        const open = line.quantity - line.fulfilledQuantity - line.cancelledQuantity;
        if (open <= 0) continue;
        await this.inventory.restock(system, { variantId: line.variantId, locationId: line.locationId, quantity: open, platformId: order.platformId, reference: { type: 'order', id: order.id }, reason: 'Order cancelled' });
        await trx.db(T.line).where('id', line.id).update({ cancelled_quantity: line.cancelledQuantity + open });
      }
      await this.inventory.release(system, { reference: { type: 'order', id: order.id } });
      await this.slots.release(system, { type: 'order', id: order.id });
      if (order.cartId) await this.slots.release(system, { type: 'cart', id: order.cartId });
      await trx.db(T.order).where('id', order.id).update({ cancelled_at: Date.now(), updated_at: Date.now() });
      await this.hooks.afterCancel(trx, { id: order.id, platformId: order.platformId });
      const locationId = order.pickupLocationId ?? lines[0]?.locationId ?? null;
      await this.events.publish(trx, 'order.cancelled', { orderId: order.id, number: order.number, platformId: order.platformId, customerId: order.customerId, reason, refunded: refundable, currency: order.currency, locationId }, { platformId: order.platformId });
      if (ctx.actor?.kind === 'staff' || ctx.actor?.kind === 'integration') {
        await this.audit.record(trx, { action: 'order.cancel', entityType: 'order', entityId: order.id, platformId: order.platformId, before: { state: order.state }, after: { state: transition.to, reason } });
      }
      return this.load(trx, order.id);
    });
    await this.payments.refund(ctx, order.id, refundable, 'cancel', reason);
    await this.payments.voidAuthorized(ctx, order.id, 'cancel');
    return (await this.payments.recompute(ctx, order.id)) ?? cancelled;
  }

  private async load(ctx: Ctx, id: string): Promise<Order> {
    const row = (await ctx.db(T.order).where('id', id).first()) as OrderRow | undefined;
    if (!row) throw errors.notFound('Order', id);
    return toOrder(row);
  }
}
