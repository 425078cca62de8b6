import { inject, injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import { SYSTEM_ACTOR, type Ctx } from '../../kernel/context.js';
import { errors, isPlazaError, type FieldError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { IdentityResolver } from '../customers/index.js';
import type { OrderPlacement, PlacedOrder, PlaceOrderInput } from '../orders/order-placement.types.js';
import { PaymentService, type PaymentResult } from '../payments/index.js';
import type { PaymentMethod } from '../payments/index.js';
import { PickupSlotService } from '../pickup-slots/index.js';
import { CartCheckout } from './cart-checkout.js';
import { placeOrderInput, type PlaceOrderCartInput } from './cart.inputs.js';
import type { Cart } from './cart.records.js';
import { CartService, cartReference, type CartView } from './cart.service.js';
import { CartTables } from './cart.migrations.js';
import { cartStore } from './cart.store.js';
import { CartTokens } from './cart.tokens.js';
import { CheckoutSettingsService } from './checkout-settings.js';

/** What placeOrder answers. `order` is null while the payment waits for the customer. */
export interface PlaceResult {
  orderId: string | null;
  accessToken: string | null;
  paymentStatus: string;
  nextAction: Record<string, unknown> | null;
  cart: CartView;
  replayed: boolean;
}

/** How an order is paid when it is placed from a cart. */
export interface Settlement {
  payments: PaymentResult[];
  paymentStatus: PlaceOrderInput['paymentStatus'];
  soldByStaffId?: string | null;
}

/**
 * Turns a cart into an order: replay by key, validation, stock hold, payment OUTSIDE any
 * transaction, then ONE transaction that resolves the customer, books an order-ahead slot,
 * places the order (OrderPlacement, which commits the cart's reservations) and marks the
 * cart CONVERTED. A declined payment releases the hold and leaves nothing behind; a failure
 * after the money moved voids or refunds it (compensation) and releases the hold.
 */
@injectable()
export class CartPlacement {
  constructor(
    @inject(CartService) private readonly carts: CartService,
    @inject(CartCheckout) private readonly checkout: CartCheckout,
    @inject(PaymentService) private readonly payments: PaymentService,
    @inject(IdentityResolver) private readonly identities: IdentityResolver,
    @inject(PickupSlotService) private readonly slots: PickupSlotService,
    @inject(CheckoutSettingsService) private readonly settings: CheckoutSettingsService,
    @inject(CartTokens.Orders) private readonly orders: OrderPlacement,
  ) {}

  /** The channel's placeOrder (also used for a draft order's payment link). */
  async place(ctx: Ctx, raw: PlaceOrderCartInput): Promise<PlaceResult> {
    const input = parseInput(placeOrderInput, raw, 'place order', 'PLACE_ORDER_INPUT_INVALID', 'input');
    const orderKey = orderKeyOf(input.cartId, input.idempotencyKey);
    const first = await this.carts.get(ctx, input.cartId);
    const replay = await this.replay(ctx, first, orderKey);
    if (replay) return replay;
    if (first.status === 'converted') throw errors.conflict('This cart was already placed as an order', 'CART_CONVERTED');
    if (ctx.api === 'channel' && input.payment.provider === 'manual') throw errors.forbidden('The manual provider is for staff only', 'PAYMENTS_STAFF_ONLY');
    validate(first, ctx);
    const cart = await this.holdOrReplay(ctx, input.cartId, orderKey);
    if ('replayed' in cart) return cart;
    const settings = await this.settings.get(ctx, cart.platformId);
    const payments: PaymentResult[] = [];
    if (cart.total > 0) {
      try {
        payments.push(
          await this.payments.authorize(ctx, {
            orderId: cart.pendingOrderId!,
            platformId: cart.platformId,
            customerId: cart.customerId,
            provider: input.payment.provider,
            method: input.payment.method as PaymentMethod,
            amount: cart.total,
            currency: cart.currency,
            idempotencyKey: `${orderKey}:pay`,
            capture: settings.paymentCapture === 'sale',
            card: cardOf(input.payment.card),
          }),
        );
      } catch (error) {
        await this.checkout.releaseHold(ctx, cart.id);
        throw error;
      }
      const payment = payments[0]!.payment;
      if (payment.status === 'requires_action') {
        return { orderId: null, accessToken: null, paymentStatus: 'requires_action', nextAction: payment.nextAction ?? null, cart, replayed: false };
      }
    }
    return this.finish(ctx, cart, orderKey, { payments, paymentStatus: statusOf(payments) });
  }

  /** The result of the order `orderKey` already placed for this cart, or null. */
  async replay(ctx: Ctx, cart: CartView, orderKey: string): Promise<PlaceResult | null> {
    const placed = await this.orders.byIdempotencyKey(ctx, cart.platformId, orderKey);
    return placed ? this.result(ctx, cart.id, { ...placed, replayed: true }) : null;
  }

  /** After the customer completed a payment's extra step: confirms it, then places the order. */
  async confirm(ctx: Ctx, cartId: string, idempotencyKey: string): Promise<PlaceResult> {
    const orderKey = orderKeyOf(cartId, idempotencyKey);
    const cart = await this.carts.get(ctx, cartId);
    const replay = await this.orders.byIdempotencyKey(ctx, cart.platformId, orderKey);
    if (replay) return this.result(ctx, cart.id, replay);
    if (cart.status === 'converted') throw errors.conflict('This cart was already placed as an order', 'CART_CONVERTED');
    const waiting = cart.pendingOrderId ? (await this.payments.paymentsOf(ctx, cart.pendingOrderId)).filter((p) => p.status === 'requires_action') : [];
    const payment = waiting.at(-1);
    if (!payment) throw errors.conflict('No payment of this cart waits for confirmation', 'PAYMENT_NOT_PENDING');
    const confirmed = await this.payments.confirm(ctx, { paymentId: payment.id, idempotencyKey: `${orderKey}:confirm` });
    if (confirmed.payment.status === 'failed') {
      await this.checkout.releaseHold(ctx, cart.id);
      throw errors.badInput('The payment was declined', [{ path: 'payment', message: confirmed.payment.declineCode ?? 'declined' }], 'PAYMENT_DECLINED');
    }
    if (confirmed.payment.status === 'requires_action') return { orderId: null, accessToken: null, paymentStatus: 'requires_action', nextAction: confirmed.payment.nextAction ?? null, cart, replayed: false };
    const held = await this.holdOrReplay(ctx, cartId, orderKey);
    if ('replayed' in held) return held;
    return this.finish(ctx, held, orderKey, { payments: [confirmed], paymentStatus: statusOf([confirmed]) });
  }

  /**
   * Writes the order in one transaction; on failure a concurrent twin's order is returned
   * (same key), else the money is given back and the hold released before rethrowing.
   */
  async finish(ctx: Ctx, cart: CartView, orderKey: string, settlement: Settlement): Promise<PlaceResult> {
    try {
      const placed = await inTransaction(ctx, async (trx) => {
        // Lock the cart row first: a concurrent re-hold of the same cart (same key, twin request)
        // waits for this placement, or this one waits for it and then sees its reservations.
        const locked = await trx.db(CartTables.cart).where('id', cart.id).whereNot('status', 'converted').increment('version', 1);
        if (locked !== 1) throw errors.conflict('This cart was already placed as an order', 'CART_CONVERTED');
        const loaded = await cartStore.load(trx, cart.id);
        const customerId = await this.customerOf(trx, cart);
        const orderId = cart.pendingOrderId!;
        if (cart.delivery?.mode === 'order_ahead' && cart.delivery.locationId && cart.delivery.slotStart) {
          await this.slots.book(trx, { locationId: cart.delivery.locationId, slotStart: new Date(cart.delivery.slotStart), reference: { type: 'order', id: orderId } });
        }
        const placed = await this.orders.place(trx, placementInput(cart, { orderId, customerId, orderKey, settlement }));
        const now = new Date();
        // The cart keeps its own customer: a guest's resolved customer would make the cart private to a session the guest does not have.
        await cartStore.save(trx, loaded, { ...loaded.cart, status: 'converted', orderId: placed.id, reservedUntil: null, updatedAt: now }, null);
        return placed;
      });
      return this.result(ctx, cart.id, placed);
    } catch (error) {
      const twin = await this.orders.byIdempotencyKey(ctx, cart.platformId, orderKey).catch(() => null);
      if (twin) return this.result(ctx, cart.id, twin);
      await this.compensate(ctx, orderKey, settlement.payments);
      await this.checkout.releaseHold(ctx, cart.id).catch((e: unknown) => ctx.logger.error({ err: e, cartId: cart.id }, 'carts: releasing the hold after a failed placement failed'));
      throw error;
    }
  }

  /** Gives back money taken for an order that was not written (void authorizations, refund captures). */
  async compensate(ctx: Ctx, orderKey: string, payments: PaymentResult[]): Promise<void> {
    const sys: Ctx = { ...ctx, api: 'system', actor: SYSTEM_ACTOR };
    for (const [i, { payment }] of payments.entries()) {
      const idempotencyKey = `${orderKey}:compensate:${i}`;
      try {
        if (payment.status === 'captured') await this.payments.refund(sys, { paymentId: payment.id, amount: payment.capturedAmount, reason: 'Order placement failed', idempotencyKey });
        else if (payment.status === 'authorized' || payment.status === 'requires_action') await this.payments.void(sys, { paymentId: payment.id, idempotencyKey });
      } catch (error) {
        ctx.logger.error({ err: error, paymentId: payment.id }, 'carts: compensating a payment failed; needs attention');
      }
    }
  }

  /** Holds stock (start checkout); when the cart was placed meanwhile by the same key, that order. */
  private async holdOrReplay(ctx: Ctx, cartId: string, orderKey: string): Promise<CartView | PlaceResult> {
    try {
      return await this.checkout.start(ctx, cartId);
    } catch (error) {
      if (isPlazaError(error) && error.reason === 'CART_CONVERTED') {
        const cart = await cartStore.load(ctx, cartId);
        const twin = await this.orders.byIdempotencyKey(ctx, cart.cart.platformId, orderKey);
        if (twin) return this.result(ctx, cartId, twin);
      }
      throw error;
    }
  }

  private async customerOf(trx: Ctx, cart: Cart): Promise<string | null> {
    if (cart.customerId) return cart.customerId;
    const identities = [
      ...(cart.email ? [{ kind: 'email' as const, value: cart.email }] : []),
      ...(cart.phone ? [{ kind: 'phone' as const, value: cart.phone }] : []),
    ];
    if (identities.length === 0) return null;
    const address = cart.billingAddress ?? cart.shippingAddress;
    const resolved = await this.identities.resolve({ ...trx, api: 'system', actor: SYSTEM_ACTOR }, {
      platformId: cart.platformId,
      identities,
      profile: { firstName: address?.firstName ?? null, lastName: address?.lastName ?? null, locale: cart.locale },
      source: 'order',
    });
    return resolved.customer.id;
  }

  private async result(ctx: Ctx, cartId: string, placed: PlacedOrder): Promise<PlaceResult> {
    const cart = await this.carts.get(ctx, cartId).catch(async () => {
      const loaded = await cartStore.load(ctx, cartId);
      return { ...loaded.cart, lines: loaded.lines };
    });
    const payments = await this.payments.paymentsOf({ ...ctx, api: 'system', actor: SYSTEM_ACTOR }, placed.id);
    return { orderId: placed.id, accessToken: placed.accessToken ?? null, paymentStatus: statusOf(payments.map((payment) => ({ payment, transaction: null }))), nextAction: null, cart, replayed: placed.replayed };
  }
}

/** The order's idempotency key for a cart and the caller's key (scoped to the cart). */
export const orderKeyOf = (cartId: string, key: string) => `${cartId}:${key}`;

function statusOf(payments: readonly PaymentResult[]): PlaceOrderInput['paymentStatus'] {
  if (payments.length === 0) return 'paid';
  if (payments.every((p) => p.payment.status === 'captured' || p.payment.status === 'partially_refunded')) return 'paid';
  if (payments.some((p) => p.payment.status === 'authorized' || p.payment.status === 'captured')) return 'authorized';
  return 'pending';
}

function cardOf(card: { number?: string | null; expMonth?: number | null; expYear?: number | null; cvc?: string | null; token?: string | null } | null | undefined) {
  if (!card) return undefined;
  const out: { number?: string; token?: string; expMonth?: number; expYear?: number; cvc?: string } = {};
  if (card.number) out.number = card.number;
  if (card.token) out.token = card.token;
  if (card.expMonth) out.expMonth = card.expMonth;
  if (card.expYear) out.expYear = card.expYear;
  if (card.cvc) out.cvc = card.cvc;
  return out;
}

/** CHECKOUT_INCOMPLETE naming what is missing: lines, a contact, the delivery, a shipping address. */
export function validate(cart: CartView, ctx: Ctx): void {
  const missing: FieldError[] = [];
  if (cart.lines.length === 0) missing.push({ path: 'lines', message: 'must have at least one line' });
  const signedIn = cart.customerId !== null && (cart.kind === 'draft' || (ctx.actor?.kind === 'customer' && ctx.actor.id === cart.customerId));
  if (!cart.email && !signedIn) missing.push({ path: 'email', message: 'is required' });
  if (!cart.delivery) missing.push({ path: 'delivery', message: 'must be chosen' });
  if (cart.delivery?.mode === 'ship' && !cart.shippingAddress) missing.push({ path: 'shippingAddress', message: 'is required to ship' });
  if (missing.length > 0) throw errors.badInput('The cart is not ready to be placed', missing, 'CHECKOUT_INCOMPLETE');
}

/** The OrderPlacement input of a held cart. */
function placementInput(cart: CartView, o: { orderId: string; customerId: string | null; orderKey: string; settlement: Settlement }): PlaceOrderInput {
  const d = cart.delivery!;
  return {
    orderId: o.orderId,
    platformId: cart.platformId,
    customerId: o.customerId,
    email: cart.email,
    phone: cart.phone,
    currency: cart.currency,
    locale: cart.locale,
    pricesIncludeTax: cart.pricesIncludeTax,
    lines: cart.lines.map((l) => ({
      sourceLineId: l.id,
      variantId: l.variantId,
      productId: l.productId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      compareAtPrice: l.compareAtPrice,
      discount: l.discount,
      taxCategory: l.taxCategory,
      taxRateBp: l.taxRateBp,
      net: l.net,
      tax: l.tax,
      total: l.total,
      locationId: l.locationId!,
    })),
    adjustments: cart.adjustments.map((a) => ({ source: a.source, code: a.code, label: a.label, amount: a.amount, lineKey: a.lineKey })),
    subtotal: cart.subtotal,
    discountTotal: cart.discountTotal,
    taxTotal: cart.taxTotal,
    shippingTotal: cart.shippingTotal,
    total: cart.total,
    delivery: {
      mode: d.mode,
      shippingMethodId: d.shippingMethodId,
      shippingMethodCode: d.shippingMethodCode,
      shippingTotal: cart.shippingTotal,
      shippingTax: cart.shippingTax,
      pickupLocationId: d.mode === 'ship' ? null : d.locationId,
      readyAt: d.readyAt ? new Date(d.readyAt) : null,
      slotStart: d.slotStart ? new Date(d.slotStart) : null,
      slotEnd: d.slotEnd ? new Date(d.slotEnd) : null,
    },
    shippingAddress: cart.shippingAddress,
    billingAddress: cart.billingAddress ?? cart.shippingAddress,
    cartId: cart.id,
    reservationReference: cartReference(cart.id),
    paymentStatus: o.settlement.paymentStatus,
    soldByStaffId: o.settlement.soldByStaffId ?? null,
    idempotencyKey: o.orderKey,
  };
}
