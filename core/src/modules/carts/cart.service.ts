import { inject, injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import { requirePermission } from '../../kernel/authorization.js';
import { SYSTEM_ACTOR, type Ctx } from '../../kernel/context.js';
import { errors, isPlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { InventoryService } from '../inventory/index.js';
import { CartPricer, type LineSeed } from './cart-pricer.js';
import { addressesInput, cartLinesInput, contactInput, createCartInput, quantityInput, type CreateCartInput } from './cart.inputs.js';
import { CartPermission } from './cart.permissions.js';
import type { Cart, CartKind, CartLine } from './cart.records.js';
import { cartStore, type LoadedCart } from './cart.store.js';

/** A cart with its lines, as the API returns it. */
export type CartView = Cart & { lines: CartLine[] };

/** What a change did, so the write knows whether the stock hold still fits the cart. */
export interface ChangeEffect {
  /** Lines or delivery changed: a hold no longer matches the cart and is released. */
  releasesHold: boolean;
}

/** The reference the cart's stock hold is booked under. */
export const cartReference = (cartId: string) => ({ type: 'cart', id: cartId });

const MAX_ATTEMPTS = 4;

/** The system's hand on inventory: checkout holds and releases stock for shoppers and staff alike. */
export const systemOf = (ctx: Ctx): Ctx => ({ ...ctx, api: 'system', actor: SYSTEM_ACTOR });

/**
 * Carts: create, change lines, contact and addresses, read. Every change reprices the whole
 * cart (see {@link CartPricer}) and is written in one transaction guarded by the cart's
 * version (a concurrent change makes it retry); a change of lines or delivery releases the
 * cart's stock hold and returns it to ACTIVE.
 */
@injectable()
export class CartService {
  constructor(
    @inject(CartPricer) private readonly pricer: CartPricer,
    @inject(InventoryService) private readonly inventory: InventoryService,
  ) {}

  /** Creates a cart on `ctx`'s platform (the signed-in customer attached) with optional lines. */
  async create(ctx: Ctx, raw: CreateCartInput, draft?: { platformId: string; currency: string; locale: string | null; customerId: string | null; staffId: string }): Promise<CartView> {
    const input = parseInput(createCartInput, raw, 'cart', 'CART_INPUT_INVALID');
    const platform = draft ? null : ctx.platform;
    if (!draft && !platform) throw errors.unauthenticated('This needs a platform: send its publishable key in the x-plaza-key header', 'PLATFORM_KEY_REQUIRED');
    const now = new Date();
    const kind: CartKind = draft ? 'draft' : 'cart';
    const cart: Cart = {
      id: newId('cart'),
      platformId: draft?.platformId ?? platform!.id,
      kind,
      status: 'active',
      customerId: draft ? draft.customerId : ctx.actor?.kind === 'customer' ? ctx.actor.id : null,
      email: input.email ?? null,
      phone: null,
      currency: draft?.currency ?? platform!.currency,
      locale: input.locale ?? draft?.locale ?? platform!.locale,
      pricesIncludeTax: true,
      subtotal: 0,
      discountTotal: 0,
      taxTotal: 0,
      shippingTotal: 0,
      shippingTax: 0,
      total: 0,
      itemCount: 0,
      taxLines: [],
      adjustments: [],
      shippingAddress: null,
      billingAddress: null,
      delivery: null,
      reservedUntil: null,
      pendingOrderId: null,
      orderId: null,
      createdByStaffId: draft?.staffId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const lines = await this.pricer.addLines(ctx, cart, [], (input.lines ?? []) as LineSeed[], 'lines');
    await this.pricer.price(ctx, cart, lines);
    await inTransaction(ctx, (trx) => cartStore.insert(trx, cart, lines, { kind, platformId: cart.platformId, currency: cart.currency, createdByStaffId: cart.createdByStaffId }));
    return { ...cart, lines };
  }

  /** A cart the caller may see; NOT_FOUND otherwise (another platform, another customer's). */
  async get(ctx: Ctx, id: string): Promise<CartView> {
    const loaded = await cartStore.load(ctx, id);
    this.guard(ctx, loaded.cart);
    return { ...loaded.cart, lines: loaded.lines };
  }

  /** A cart or null (the `cart` query). */
  async find(ctx: Ctx, id: string): Promise<CartView | null> {
    try {
      return await this.get(ctx, id);
    } catch (error) {
      if (isPlazaError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** Adds lines; a variant already in the cart gets the quantities added. */
  addLines(ctx: Ctx, cartId: string, raw: readonly LineSeed[]): Promise<CartView> {
    const seeds = parseInput(cartLinesInput, raw, 'cart lines', 'CART_INPUT_INVALID', 'lines');
    return this.mutate(ctx, cartId, async (cart, lines) => ({ lines: await this.pricer.addLines(ctx, cart, lines, seeds, 'lines'), releasesHold: true }));
  }

  /** Sets a line's quantity (0 removes it). */
  updateLine(ctx: Ctx, cartId: string, lineId: string, quantity: number): Promise<CartView> {
    const qty = parseInput(quantityInput, quantity, 'quantity', 'CART_INPUT_INVALID', 'quantity');
    return this.mutate(ctx, cartId, async (_cart, lines) => {
      const line = lines.find((l) => l.id === lineId);
      if (!line) throw errors.badInput(`Line ${lineId} is not in this cart`, [{ path: 'lineId', message: 'is not a line of this cart' }], 'CART_LINE_NOT_FOUND');
      if (qty === 0) return { lines: lines.filter((l) => l.id !== lineId), releasesHold: true };
      line.quantity = qty;
      return { lines, releasesHold: true };
    });
  }

  /** Removes a line. */
  removeLine(ctx: Ctx, cartId: string, lineId: string): Promise<CartView> {
    return this.updateLine(ctx, cartId, lineId, 0);
  }

  /** Sets the contact e-mail and phone (null clears, undefined keeps). */
  setContact(ctx: Ctx, cartId: string, raw: { email?: string | null; phone?: string | null }): Promise<CartView> {
    const input = parseInput(contactInput, raw, 'contact', 'CART_INPUT_INVALID');
    return this.mutate(ctx, cartId, async (cart, lines) => {
      if (input.email !== undefined) cart.email = input.email;
      if (input.phone !== undefined) cart.phone = input.phone;
      return { lines, releasesHold: false };
    });
  }

  /** Sets the shipping and billing addresses (null clears, undefined keeps). A new shipping address re-quotes shipping. */
  setAddresses(ctx: Ctx, cartId: string, raw: { shipping?: unknown; billing?: unknown }): Promise<CartView> {
    const input = parseInput(addressesInput, raw, 'addresses', 'CART_INPUT_INVALID');
    return this.mutate(ctx, cartId, async (cart, lines) => {
      const before = JSON.stringify(cart.shippingAddress);
      if (input.shipping !== undefined) cart.shippingAddress = input.shipping;
      if (input.billing !== undefined) cart.billingAddress = input.billing;
      return { lines, releasesHold: cart.delivery?.mode === 'ship' && before !== JSON.stringify(cart.shippingAddress) };
    });
  }

  /** Attaches a customer to a draft order (staff). */
  setCustomer(ctx: Ctx, cartId: string, customerId: string | null, email?: string | null): Promise<CartView> {
    return this.mutate(ctx, cartId, async (cart, lines) => {
      cart.customerId = customerId;
      if (email !== undefined) cart.email = email;
      return { lines, releasesHold: false };
    });
  }

  /**
   * Loads the cart, applies `change` to copies, reprices, and writes it in one transaction
   * (releasing a stock hold the change invalidates). Retries when the cart changed meanwhile.
   */
  async mutate(ctx: Ctx, cartId: string, change: (cart: Cart, lines: CartLine[]) => Promise<ChangeEffect & { lines: CartLine[] }>): Promise<CartView> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.loadWritable(ctx, cartId);
      const cart: Cart = { ...loaded.cart };
      const effect = await change(cart, loaded.lines.map((l) => ({ ...l })));
      const lines = effect.lines;
      await this.pricer.price(ctx, cart, lines);
      const release = effect.releasesHold && cart.status === 'checking_out';
      if (release) {
        cart.status = 'active';
        cart.reservedUntil = null;
      }
      if (cart.status === 'abandoned') cart.status = 'active';
      cart.updatedAt = new Date();
      try {
        await inTransaction(ctx, async (trx) => {
          await cartStore.save(trx, loaded, cart, lines);
          if (release) await this.inventory.release(systemOf(trx), { reference: cartReference(cart.id) });
        });
        return { ...cart, lines };
      } catch (error) {
        if (isPlazaError(error) && error.reason === 'CART_CHANGED' && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  /** The cart for a change: visible to the caller and not placed yet. */
  async loadWritable(ctx: Ctx, cartId: string): Promise<LoadedCart> {
    const loaded = await cartStore.load(ctx, cartId);
    this.guard(ctx, loaded.cart);
    if (loaded.cart.status === 'converted') throw errors.conflict('This cart was already placed as an order', 'CART_CONVERTED');
    return loaded;
  }

  /**
   * Who may use a cart: on the channel API, the cart's platform (a signed-in customer's cart
   * only that customer; draft orders by id, for the payment link); on the admin API, staff
   * with `orders.draft` on the platform, for draft orders.
   */
  guard(ctx: Ctx, cart: Cart): void {
    if (ctx.actor?.kind === 'system') return;
    if (ctx.api === 'admin') {
      if (cart.kind !== 'draft') throw errors.notFound('Draft order', cart.id);
      requirePermission(ctx, CartPermission.Draft, { platformId: cart.platformId });
      return;
    }
    if (!ctx.platform || ctx.platform.id !== cart.platformId) throw errors.notFound('Cart', cart.id);
    if (cart.kind === 'cart' && cart.customerId && !(ctx.actor?.kind === 'customer' && ctx.actor.id === cart.customerId)) throw errors.notFound('Cart', cart.id);
  }
}
