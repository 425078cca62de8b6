import type { Ctx } from '../../kernel/context.js';
import type { DomainEvent, SubscriberHandler } from '../../kernel/plugin.js';
import { NotificationService } from '../notifications/index.js';
import { OrderPayments } from './order-payments.js';
import { syncOrderFromProcess } from './order-sync.js';
import { OrderTables as T } from './order.migrations.js';
import { formatAmount } from './order-placement.js';

interface Transitioned {
  kind: string;
  subjectId: string;
}

/** An order's process moved (any trigger, e.g. an automatic transition or a timer): copy its state onto the order. */
const onTransitioned: SubscriberHandler = async (event: DomainEvent, ctx: Ctx) => {
  const p = event.payload as Transitioned;
  if (p.kind !== 'order') return;
  await syncOrderFromProcess(ctx, p.subjectId);
};

/** A payment of an order moved: recompute the order's payment figures from its payments. */
const onPaymentMoved: SubscriberHandler = async (event: DomainEvent, ctx: Ctx, scope) => {
  const p = event.payload as { orderId: string };
  await scope.container.resolve(OrderPayments).recompute(ctx, p.orderId);
};

/** The `order.confirmed` message to the customer (once per event). */
const onPlaced: SubscriberHandler = async (event: DomainEvent, ctx: Ctx, scope) => {
  const p = event.payload as { orderId: string; number: string; platformId: string; customerId: string | null; total: number; currency: string };
  const order = (await ctx.db(T.order).where('id', p.orderId).first('email', 'locale')) as { email: string | null; locale: string | null } | undefined;
  if (!order) return;
  await scope.container.resolve(NotificationService).request(ctx, {
    eventId: event.id,
    template: 'order.confirmed',
    customerId: p.customerId,
    platformId: p.platformId,
    channel: 'email',
    to: order.email,
    variables: { reference: p.number, orderNumber: p.number, amount: formatAmount(p.total, p.currency, order.locale) },
  });
};

/** Subscribers of the orders module. */
export const orderSubscribers: Record<string, SubscriberHandler> = {
  'process.transitioned': onTransitioned,
  'payment.authorized': onPaymentMoved,
  'payment.captured': onPaymentMoved,
  'payment.refunded': onPaymentMoved,
  'payment.voided': onPaymentMoved,
  'order.placed': onPlaced,
};
