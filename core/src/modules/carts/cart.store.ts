import { toJson } from '../../db/json-column.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { CartTables as T } from './cart.migrations.js';
import { lineRow, toCart, toCartLine, type Cart, type CartLine, type CartLineRow, type CartRow } from './cart.records.js';

/** A cart with its lines, as read (with the row version it was read at). */
export interface LoadedCart {
  cart: Cart;
  lines: CartLine[];
  version: number;
}

/** The cart's columns a write changes. */
export function cartColumns(cart: Cart): Partial<CartRow> & Record<string, unknown> {
  return {
    status: cart.status,
    customer_id: cart.customerId,
    email: cart.email,
    phone: cart.phone,
    locale: cart.locale,
    prices_include_tax: cart.pricesIncludeTax,
    subtotal: cart.subtotal,
    discount_total: cart.discountTotal,
    tax_total: cart.taxTotal,
    shipping_total: cart.shippingTotal,
    shipping_tax: cart.shippingTax,
    total: cart.total,
    item_count: cart.itemCount,
    tax_lines: toJson(cart.taxLines),
    adjustments: toJson(cart.adjustments),
    shipping_address: cart.shippingAddress ? toJson(cart.shippingAddress) : null,
    billing_address: cart.billingAddress ? toJson(cart.billingAddress) : null,
    delivery: cart.delivery ? toJson(cart.delivery) : null,
    reserved_until: cart.reservedUntil ? cart.reservedUntil.getTime() : null,
    pending_order_id: cart.pendingOrderId,
    order_id: cart.orderId,
    updated_at: cart.updatedAt.getTime(),
  };
}

/** Reads and writes carts. Two statements to read a cart; a write is one UPDATE plus the changed lines. */
export const cartStore = {
  /** The cart row (undefined when missing). */
  async row(ctx: Ctx, id: string): Promise<CartRow | undefined> {
    return (await ctx.db(T.cart).where('id', id).first()) as CartRow | undefined;
  },

  /** A cart and its lines; NOT_FOUND when missing. */
  async load(ctx: Ctx, id: string): Promise<LoadedCart> {
    const row = await this.row(ctx, id);
    if (!row) throw errors.notFound('Cart', id);
    const lines = ((await ctx.db(T.line).where('cart_id', id).orderBy('position')) as CartLineRow[]).map(toCartLine);
    return { cart: toCart(row), lines, version: Number((row as unknown as { version: number }).version ?? 0) };
  },

  /** Lines of many carts (a DataLoader batch). */
  async linesOf(ctx: Ctx, cartIds: readonly string[]): Promise<Map<string, CartLine[]>> {
    const rows = (await ctx.db(T.line).whereIn('cart_id', [...new Set(cartIds)]).orderBy(['cart_id', 'position'])) as CartLineRow[];
    const map = new Map<string, CartLine[]>();
    for (const row of rows) {
      const list = map.get(row.cart_id) ?? [];
      list.push(toCartLine(row));
      map.set(row.cart_id, list);
    }
    return map;
  },

  /** Inserts a new cart with its lines. */
  async insert(trx: Ctx, cart: Cart, lines: CartLine[], extra: { kind: string; platformId: string; currency: string; createdByStaffId: string | null }): Promise<void> {
    await trx.db(T.cart).insert({
      id: cart.id,
      platform_id: extra.platformId,
      kind: extra.kind,
      currency: extra.currency,
      created_by_staff_id: extra.createdByStaffId,
      created_at: cart.createdAt.getTime(),
      version: 1,
      ...cartColumns(cart),
    });
    if (lines.length > 0) await trx.db(T.line).insert(lines.map(lineRow));
  },

  /**
   * Writes a changed cart if nobody wrote it since `version` was read: CONFLICT
   * `CART_CHANGED` otherwise (the caller retries). Lines not in `lines` are deleted, the
   * others upserted (one statement each).
   */
  async save(trx: Ctx, loaded: LoadedCart, cart: Cart, lines: CartLine[] | null): Promise<void> {
    const updated = await trx.db(T.cart).where({ id: cart.id, version: loaded.version }).update({ ...cartColumns(cart), version: loaded.version + 1 });
    if (updated !== 1) throw errors.conflict('The cart changed meanwhile; try again', 'CART_CHANGED');
    if (!lines) return;
    const keep = new Set(lines.map((l) => l.id));
    const gone = loaded.lines.filter((l) => !keep.has(l.id)).map((l) => l.id);
    if (gone.length > 0) await trx.db(T.line).whereIn('id', gone).delete();
    if (lines.length > 0) {
      await trx
        .db(T.line)
        .insert(lines.map(lineRow))
        .onConflict('id')
        .merge(['quantity', 'unit_price', 'compare_at_price', 'discount', 'tax_category', 'tax_rate_bp', 'net', 'tax', 'total', 'location_id', 'position', 'title', 'sku']);
    }
  },
};
