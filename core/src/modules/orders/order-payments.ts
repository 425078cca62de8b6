import { inject, injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { PaymentService, type Payment, type PaymentResult } from '../payments/index.js';
import { ProcessService } from '../processes/index.js';
import { systemOn } from './order-placement.js';
import { syncOrderFromProcess } from './order-sync.js';
import { OrderTables as T } from './order.migrations.js';
import { OrderPermission as P } from './order.permissions.js';
import { toOrder, type Order, type OrderPaymentStatus, type OrderRow } from './order.records.js';

/** A payment staff take for an order (split tenders: cash + card…). */
export interface AddOrderPaymentInput {
  provider: string;
  method: string;
  amount: number;
  card?: { number?: string; token?: string; expMonth?: number; expYear?: number; cvc?: string } | null;
  idempotencyKey: string;
}

/** The payment figures of an order computed from its payments. */
export interface PaymentFigures {
  paidTotal: number;
  refundedTotal: number;
  paymentStatus: OrderPaymentStatus;
}

/**
 * The payment status an order's payments give it: `paid` once captured − refunded covers the
 * total; `refunded` when refunds left nothing; `partially_refunded` when enough was captured but
 * refunds took some back; `partially_paid` when less than the total was captured (e.g. after
 * an edit raised the total); authorizations covering the total `authorized`;
 * otherwise it stays `pay_later` or `pending`.
 */
export function paymentFigures(total: number, payments: Payment[], current: OrderPaymentStatus): PaymentFigures {
  let paid = 0;
  let refunded = 0;
  let authorized = 0;
  for (const p of payments) {
    paid += p.capturedAmount;
    refunded += p.refundedAmount;
    if (p.status === 'authorized') authorized += p.authorizedAmount;
  }
  const net = paid - refunded;
  let status: OrderPaymentStatus;
  if (paid > 0 && net >= total) status = 'paid';
  else if (refunded > 0 && net <= 0) status = 'refunded';
  else if (refunded > 0 && paid >= total) status = 'partially_refunded';
  else if (net > 0) status = 'partially_paid';
  else if (authorized > 0 && authorized >= total) status = 'authorized';
  else if (total === 0) status = 'paid';
  else status = current === 'pay_later' ? 'pay_later' : 'pending';
  return { paidTotal: paid, refundedTotal: refunded, paymentStatus: status };
}

/**
 * Payments of orders: staff take payments for an order, and the order's paid and refunded
 * totals and payment status follow its payments (recomputed from them, never incremented, so
 * running it twice is harmless). The process instance learns the payment status, so guards
 * such as `core.require_payment` see it and automatic transitions move on.
 */
@injectable()
export class OrderPayments {
  constructor(
    @inject(PaymentService) private readonly payments: PaymentService,
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(Tokens.EventBus) private readonly events: EventBus,
  ) {}

  /** Recomputes the order's payment figures from its payments; returns the order (null when unknown). */
  async recompute(ctx: Ctx, orderId: string): Promise<Order | null> {
    return inTransaction(ctx, async (trx) => {
      const row = (await trx.db(T.order).where('id', orderId).first()) as OrderRow | undefined;
      if (!row) return null;
      const order = toOrder(row);
      const payments = (await this.payments.paymentsOfOrders(trx, [orderId])).get(orderId) ?? [];
      const figures = paymentFigures(order.total, payments, order.paymentStatus);
      if (figures.paidTotal === order.paidTotal && figures.refundedTotal === order.refundedTotal && figures.paymentStatus === order.paymentStatus) return order;
      await trx.db(T.order).where('id', orderId).update({ paid_total: figures.paidTotal, refunded_total: figures.refundedTotal, payment_status: figures.paymentStatus, updated_at: Date.now() });
      if (order.processInstanceId && figures.paymentStatus !== order.paymentStatus) {
        await this.processes.updateData(systemOn(trx), order.processInstanceId, { paymentStatus: figures.paymentStatus });
        await syncOrderFromProcess(trx, orderId);
      }
      await this.events.publish(trx, 'order.payment_updated', { orderId, number: order.number, platformId: order.platformId, customerId: order.customerId, ...figures }, { platformId: order.platformId });
      return toOrder((await trx.db(T.order).where('id', orderId).first()) as OrderRow);
    });
  }

  /** Takes a payment for the order (`orders.manage`; the payments module checks `payments.manage` for manual ones). */
  async add(ctx: Ctx, orderId: string, input: AddOrderPaymentInput): Promise<{ order: Order; payment: PaymentResult }> {
    const row = (await ctx.db(T.order).where('id', orderId).first()) as OrderRow | undefined;
    if (!row) throw errors.notFound('Order', orderId);
    const order = toOrder(row);
    requirePermission(ctx, P.Manage, { platformId: order.platformId });
    if (order.status === 'cancelled') throw errors.conflict('This order is cancelled', 'ORDER_CANCELLED');
    const payment = await this.payments.authorize(ctx, {
      orderId,
      platformId: order.platformId,
      customerId: order.customerId,
      provider: input.provider,
      method: input.method as never,
      amount: input.amount,
      currency: order.currency,
      idempotencyKey: input.idempotencyKey,
      capture: true,
      card: input.card ?? undefined,
    });
    const updated = (await this.recompute(ctx, orderId)) ?? order;
    return { order: updated, payment };
  }

  /**
   * Gives back up to `amount` from the order's captured payments, newest first (after the
   * order's transaction committed: providers are called outside Plaza's transactions), with
   * idempotency keys `${orderId}:${purpose}:${paymentId}`. Returns what was refunded.
   */
  async refund(ctx: Ctx, orderId: string, amount: number, purpose: string, reason: string | null): Promise<number> {
    const system = systemOn(ctx);
    const payments = [...((await this.payments.paymentsOfOrders(ctx, [orderId])).get(orderId) ?? [])].reverse();
    let left = amount;
    let refunded = 0;
    for (const p of payments) {
      if (left <= 0) break;
      const refundable = p.capturedAmount - p.refundedAmount;
      if (refundable <= 0 || (p.status !== 'captured' && p.status !== 'partially_refunded')) continue;
      const take = Math.min(refundable, left);
      await this.payments.refund(system, { paymentId: p.id, amount: take, reason, idempotencyKey: `${orderId}:${purpose}:${p.id}` });
      left -= take;
      refunded += take;
    }
    return refunded;
  }

  /** Voids every authorized (not captured) payment of the order. */
  async voidAuthorized(ctx: Ctx, orderId: string, purpose: string): Promise<void> {
    const system = systemOn(ctx);
    const payments = (await this.payments.paymentsOfOrders(ctx, [orderId])).get(orderId) ?? [];
    for (const p of payments) {
      if (p.status === 'authorized' || p.status === 'requires_action') await this.payments.void(system, { paymentId: p.id, idempotencyKey: `${orderId}:${purpose}:${p.id}` });
    }
  }

  /** What is refundable now: Σ captured − refunded over the order's payments. */
  async refundable(ctx: Ctx, orderId: string): Promise<number> {
    const payments = (await this.payments.paymentsOfOrders(ctx, [orderId])).get(orderId) ?? [];
    return payments.reduce((s, p) => s + Math.max(0, p.capturedAmount - p.refundedAmount), 0);
  }
}
