import { inject, injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, isPlazaError, PlazaError, type FieldError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { InventoryService, SourcingStrategyToken, type SourcingStrategy } from '../inventory/index.js';
import { CartPricer } from './cart-pricer.js';
import type { Cart, CartLine } from './cart.records.js';
import { CartService, cartReference, systemOf, type CartView } from './cart.service.js';
import { cartStore, type LoadedCart } from './cart.store.js';
import { CheckoutSettingsService } from './checkout-settings.js';


/**
 * startCheckout: sources the cart (ship: the platform's order of locations, nearest first
 * when a destination point is known — postal codes are not geocoded, so null; pickup and
 * order ahead: the chosen store), records each line's location and holds every line for the
 * platform's reservation TTL, in one transaction with the cart's move to CHECKING_OUT.
 * Calling it again re-holds for a fresh TTL (release + reserve in one transaction, so the
 * units never leave the cart); OUT_OF_STOCK names the short lines.
 */
@injectable()
export class CartCheckout {
  constructor(
    @inject(CartService) private readonly carts: CartService,
    @inject(CartPricer) private readonly pricer: CartPricer,
    @inject(InventoryService) private readonly inventory: InventoryService,
    @inject(SourcingStrategyToken) private readonly sourcing: SourcingStrategy,
    @inject(CheckoutSettingsService) private readonly settings: CheckoutSettingsService,
  ) {}

  /** Holds the cart's stock (see the class comment). */
  async start(ctx: Ctx, cartId: string): Promise<CartView> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.carts.loadWritable(ctx, cartId);
      try {
        return await this.hold(ctx, loaded);
      } catch (error) {
        if (isPlazaError(error) && error.reason === 'CART_CHANGED' && attempt < 4) continue;
        throw error;
      }
    }
  }

  /** Releases the cart's hold and returns it to ACTIVE (a declined payment). */
  async releaseHold(ctx: Ctx, cartId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await cartStore.load(ctx, cartId);
      if (loaded.cart.status === 'converted') return;
      const cart: Cart = { ...loaded.cart, status: 'active', reservedUntil: null, updatedAt: new Date() };
      try {
        await inTransaction(ctx, async (trx) => {
          await cartStore.save(trx, loaded, cart, null);
          await this.inventory.release(systemOf(trx), { reference: cartReference(cartId) });
        });
        return;
      } catch (error) {
        if (isPlazaError(error) && error.reason === 'CART_CHANGED' && attempt < 4) continue;
        throw error;
      }
    }
  }

  private async hold(ctx: Ctx, loaded: LoadedCart): Promise<CartView> {
    const cart: Cart = { ...loaded.cart };
    const lines = loaded.lines.map((l) => ({ ...l }));
    if (lines.length === 0) throw errors.badInput('The cart is empty', [{ path: 'lines', message: 'must have at least one line' }], 'CART_EMPTY');
    await this.pricer.price(ctx, cart, lines);
    const settings = await this.settings.get(ctx, cart.platformId);
    // A live hold is renewed as it is (the lines have not changed since: a change releases it);
    // sourcing again would count the cart's own reserved units as taken.
    const live = loaded.cart.status === 'checking_out' ? (await this.inventory.reservationsFor(systemOf(ctx), cartReference(cart.id))).filter((r) => r.status === 'active') : [];
    const assignments = live.length > 0 ? live.map((r) => ({ variantId: r.variantId, locationId: r.locationId, quantity: r.quantity })) : await this.source(ctx, cart, lines);
    const ttlSeconds = settings.reservationTtlMinutes * 60;
    cart.status = 'checking_out';
    cart.reservedUntil = new Date(Date.now() + ttlSeconds * 1000);
    cart.pendingOrderId ??= newId('ord');
    cart.updatedAt = new Date();
    await inTransaction(ctx, async (trx) => {
      // The cart row first (version check, row lock), so a concurrent placement of this cart
      // and this re-hold never interleave their reservation changes.
      await cartStore.save(trx, loaded, cart, lines);
      const sys = systemOf(trx);
      if (live.length > 0) await this.inventory.release(sys, { reference: cartReference(cart.id) });
      await this.inventory.reserve(sys, {
        lines: assignments,
        reference: cartReference(cart.id),
        ttlSeconds,
        platformId: cart.platformId,
      });
    });
    return { ...cart, lines };
  }

  /** Sources the lines (ship: platform order; pickup / order ahead: the store) and records each line's main location. */
  private async source(ctx: Ctx, cart: Cart, lines: CartLine[]): Promise<{ variantId: string; locationId: string; quantity: number }[]> {
    const pickupLocationId = cart.delivery && cart.delivery.mode !== 'ship' ? cart.delivery.locationId : null;
    const plan = await this.sourcing.plan(ctx, {
      platformId: cart.platformId,
      lines: lines.map((l) => ({ key: l.id, variantId: l.variantId, quantity: l.quantity })),
      mode: pickupLocationId ? 'pickup' : 'ship',
      destination: null,
      pickupLocationId,
    });
    if (!plan.complete) throw shortOf(lines, plan.shortages);
    for (const line of lines) {
      const parts = plan.assignments.filter((a) => a.key === line.id).sort((a, b) => b.quantity - a.quantity);
      line.locationId = parts[0]?.locationId ?? null;
    }
    return plan.assignments.map((a) => ({ variantId: a.variantId, locationId: a.locationId, quantity: a.quantity }));
  }
}

/** OUT_OF_STOCK naming the short lines (path `lines.<i>`), as sourcing found them. */
function shortOf(lines: readonly CartLine[], shortages: readonly { key: string; variantId: string; missing: number }[]): PlazaError {
  const fields: FieldError[] = shortages.map((s) => ({ path: `lines.${lines.findIndex((l) => l.id === s.key)}.quantity`, message: `${s.missing} more than available` }));
  return new PlazaError('OUT_OF_STOCK', `Not enough stock for ${shortages.length} line(s)`, {
    reason: 'INSUFFICIENT_STOCK',
    fields,
    details: { lines: shortages.map((s) => ({ lineId: s.key, variantId: s.variantId, missing: s.missing })) },
  });
}

