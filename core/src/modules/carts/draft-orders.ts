import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { requirePermission } from '../../kernel/authorization.js';
import { SYSTEM_ACTOR, type Ctx } from '../../kernel/context.js';
import { errors, isPlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { NotificationService } from '../notifications/index.js';
import { formatAmount } from '../orders/index.js';
import { PaymentService, type PaymentMethod, type PaymentResult } from '../payments/index.js';
import { PlatformService } from '../platforms/index.js';
import { CartCheckout } from './cart-checkout.js';
import { CartDeliveryService } from './cart-delivery.js';
import { CartPlacement, orderKeyOf, validate, type PlaceResult } from './cart-placement.js';
import type { DeliveryInput } from './cart.inputs.js';
import { CartTables as T } from './cart.migrations.js';
import { CartPermission } from './cart.permissions.js';
import { toCart, type CartRow } from './cart.records.js';
import { CartService, type CartView } from './cart.service.js';
import { cartStore } from './cart.store.js';
import { CartTokens } from './cart.tokens.js';
import { CheckoutSettingsService } from './checkout-settings.js';

/** Input of `completeDraftOrder`. */
export const completeDraftInput = z
  .object({
    payments: z
      .array(z.object({ provider: z.string().trim().min(1), method: z.string().trim().min(1).transform((v) => v.toLowerCase()), amount: z.number().int().positive('must be positive') }))
      .max(10)
      .nullish(),
    payLater: z.boolean().nullish(),
    idempotencyKey: z.string().trim().min(1, 'is required').max(100),
  })
  .refine((v) => Boolean(v.payLater) !== Boolean(v.payments?.length), { message: 'give payments or payLater (one of them)', path: ['payments'] });
/** Input of `completeDraftOrder`. */
export type CompleteDraftInput = z.input<typeof completeDraftInput>;

/**
 * Draft orders: carts of kind `draft` staff build on the admin API for a customer (phone and
 * e-mail orders), with `orders.draft` on the platform. They are paid through a payment link
 * (the customer pays on the storefront with the channel placeOrder and the draft's cart id) or
 * completed by staff with taken payments (split tenders adding up to the total) or pay later;
 * the order records the staff member as its seller.
 */
@injectable()
export class DraftOrders {
  constructor(
    @inject(CartService) private readonly carts: CartService,
    @inject(CartDeliveryService) private readonly delivery: CartDeliveryService,
    @inject(CartCheckout) private readonly checkout: CartCheckout,
    @inject(CartPlacement) private readonly placement: CartPlacement,
    @inject(PaymentService) private readonly payments: PaymentService,
    @inject(PlatformService) private readonly platforms: PlatformService,
    @inject(NotificationService) private readonly notifications: NotificationService,
    @inject(CheckoutSettingsService) private readonly settings: CheckoutSettingsService,
    @inject(CartTokens.StorefrontUrl) private readonly storefrontUrl: string,
  ) {}

  /** Starts a draft order for a platform (optionally for a customer). */
  async create(ctx: Ctx, input: { platformId: string; customerId?: string | null; email?: string | null }): Promise<CartView> {
    const actor = requirePermission(ctx, CartPermission.Draft, { platformId: input.platformId });
    const platform = await this.platforms.get({ ...ctx, api: 'system', actor: SYSTEM_ACTOR }, input.platformId).catch((error: unknown) => {
      if (isPlazaError(error) && error.code === 'NOT_FOUND') throw errors.badInput(`Platform ${input.platformId} does not exist`, [{ path: 'input.platformId', message: 'is not a platform' }], 'PLATFORM_NOT_FOUND');
      throw error;
    });
    return this.carts.create(ctx, { email: input.email ?? null }, { platformId: platform.id, currency: platform.currency, locale: platform.locale, customerId: input.customerId ?? null, staffId: actor.id });
  }

  /** A draft order, or null. */
  async find(ctx: Ctx, id: string): Promise<CartView | null> {
    const row = await cartStore.row(ctx, id);
    if (!row || row.kind !== 'draft') return null;
    return this.carts.get(ctx, id);
  }

  /** Open (not converted) draft orders of a platform, newest first. */
  async list(ctx: Ctx, platformId: string, args: PageArgs): Promise<Connection<CartView>> {
    requirePermission(ctx, CartPermission.Draft, { platformId });
    const { size, afterKey } = readPageArgs(args);
    const q = ctx.db(T.cart).where({ platform_id: platformId, kind: 'draft' }).whereNot('status', 'converted').orderBy('id', 'desc').limit(size + 1);
    if (afterKey) q.where('id', '<', afterKey);
    const rows = (await q) as CartRow[];
    const lines = await cartStore.linesOf(ctx, rows.map((r) => r.id));
    return toConnection(rows.map((r) => ({ ...toCart(r), lines: lines.get(r.id) ?? [] })), size, (c) => c.id);
  }

  /** Adds lines to a draft. */
  addLines(ctx: Ctx, id: string, lines: { variantId: string; quantity: number }[]): Promise<CartView> {
    return this.carts.addLines(ctx, id, lines);
  }

  /** Sets a draft line's quantity (0 removes). */
  updateLine(ctx: Ctx, id: string, lineId: string, quantity: number): Promise<CartView> {
    return this.carts.updateLine(ctx, id, lineId, quantity);
  }

  /** Sets a draft's addresses. */
  setAddresses(ctx: Ctx, id: string, input: { shipping?: unknown; billing?: unknown }): Promise<CartView> {
    return this.carts.setAddresses(ctx, id, input);
  }

  /** Chooses a draft's delivery. */
  setDelivery(ctx: Ctx, id: string, input: DeliveryInput): Promise<CartView> {
    return this.delivery.set(ctx, id, input);
  }

  /** Sets (or clears) the draft's customer and e-mail. */
  setCustomer(ctx: Ctx, id: string, customerId: string | null, email?: string | null): Promise<CartView> {
    return this.carts.setCustomer(ctx, id, customerId, email === undefined ? undefined : (email?.trim().toLowerCase() ?? null));
  }

  /**
   * Sends the customer the notification `order.payment_link` with `${storefrontUrl}/pay/${id}`
   * (the platform's checkout setting, else the module's `storefrontUrl` config).
   */
  async sendPaymentLink(ctx: Ctx, id: string): Promise<{ url: string; notificationId: string | null }> {
    const draft = await this.carts.get(ctx, id);
    if (draft.kind !== 'draft') throw errors.notFound('Draft order', id);
    validate(draft, { ...ctx, actor: null });
    const base = (await this.settings.get(ctx, draft.platformId)).storefrontUrl ?? this.storefrontUrl;
    const url = `${base.replace(/\/+$/, '')}/pay/${draft.id}`;
    const message = await this.notifications.request(ctx, {
      eventId: `${draft.id}:payment_link:${draft.updatedAt.getTime()}`,
      template: 'order.payment_link',
      customerId: draft.customerId,
      platformId: draft.platformId,
      to: draft.customerId ? null : draft.email,
      variables: { reference: draft.id, amount: formatAmount(draft.total, draft.currency, draft.locale), link: url },
    });
    return { url, notificationId: message.id };
  }

  /** Places a draft with staff-taken payments (Σ = total, each captured) or pay later; the staff member is the seller. */
  async complete(ctx: Ctx, id: string, raw: CompleteDraftInput): Promise<PlaceResult> {
    const input = parseInput(completeDraftInput, raw, 'complete draft order', 'DRAFT_INPUT_INVALID', 'input');
    const draft = await this.carts.get(ctx, id);
    if (draft.kind !== 'draft') throw errors.notFound('Draft order', id);
    const actor = requirePermission(ctx, CartPermission.Draft, { platformId: draft.platformId });
    const orderKey = orderKeyOf(id, input.idempotencyKey);
    const replay = await this.placement.replay(ctx, draft, orderKey);
    if (replay) return replay;
    if (draft.status === 'converted') throw errors.conflict('This draft was already placed as an order', 'CART_CONVERTED');
    validate(draft, ctx);
    const held = await this.checkout.start(ctx, id);
    const wanted = (input.payments ?? []).reduce((s, p) => s + p.amount, 0);
    if (!input.payLater && wanted !== held.total) {
      await this.checkout.releaseHold(ctx, id);
      throw errors.badInput(`The payments add up to ${wanted}, the order is ${held.total}`, [{ path: 'input.payments', message: `must add up to ${held.total}` }], 'PAYMENTS_TOTAL_MISMATCH');
    }
    const taken: PaymentResult[] = [];
    try {
      for (const [i, p] of (input.payments ?? []).entries()) {
        taken.push(
          await this.payments.authorize(ctx, {
            orderId: held.pendingOrderId!,
            platformId: held.platformId,
            customerId: held.customerId,
            provider: p.provider,
            method: p.method as PaymentMethod,
            amount: p.amount,
            currency: held.currency,
            idempotencyKey: `${orderKey}:pay:${i}`,
            capture: true,
          }),
        );
      }
    } catch (error) {
      await this.placement.compensate(ctx, orderKey, taken);
      await this.checkout.releaseHold(ctx, id);
      throw error;
    }
    return this.placement.finish(ctx, held, orderKey, { payments: taken, paymentStatus: input.payLater ? 'pay_later' : 'paid', soldByStaffId: actor.id });
  }
}
