import type { Ctx } from '../../kernel/context.js';
import type { CartAdjustment } from './cart.records.js';

/** What an adjuster sees of a cart: priced lines before discounts and tax. */
export interface CartSnapshot {
  cartId: string;
  platformId: string;
  customerId: string | null;
  currency: string;
  pricesIncludeTax: boolean;
  lines: readonly { key: string; variantId: string; productId: string; sku: string; quantity: number; unitPrice: number; amount: number }[];
  /** Σ line amounts (unit price × quantity). */
  subtotal: number;
}

/**
 * A source of discounts (the promotions module, a plugin). `adjust` returns the adjustments
 * for a cart: with a `lineKey` (a line id) the amount comes off that line before tax; with
 * `lineKey: null` it comes off the order and is spread over the lines in proportion to their
 * amounts (largest remainder, so the parts add up exactly). Amounts are positive minor units;
 * a line never goes below zero. It runs inside the cart's write transaction (use `ctx.db`).
 */
export interface CartAdjuster {
  code: string;
  adjust(ctx: Ctx, cart: CartSnapshot): Promise<CartAdjustment[]>;
}

/**
 * The registry of {@link CartAdjuster}s (one per Plaza, resolved from the container:
 * `container.resolve(CartAdjusters).register(adjuster)`). Adjusters run in registration order.
 */
export class CartAdjusters {
  private readonly adjusters: CartAdjuster[] = [];

  /** Adds an adjuster; a code registered twice is a programming error. */
  register(adjuster: CartAdjuster): void {
    if (this.adjusters.some((a) => a.code === adjuster.code)) throw new Error(`Cart adjuster "${adjuster.code}" is registered twice`);
    this.adjusters.push(adjuster);
  }

  /** Removes an adjuster by code (tests, plugins turned off). */
  unregister(code: string): void {
    const at = this.adjusters.findIndex((a) => a.code === code);
    if (at >= 0) this.adjusters.splice(at, 1);
  }

  /** Every adjustment of every adjuster, in registration order. */
  async collect(ctx: Ctx, cart: CartSnapshot): Promise<CartAdjustment[]> {
    if (this.adjusters.length === 0 || cart.lines.length === 0) return [];
    const all: CartAdjustment[] = [];
    for (const adjuster of this.adjusters) all.push(...(await adjuster.adjust(ctx, cart)));
    return all;
  }
}
