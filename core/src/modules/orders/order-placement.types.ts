import type { InjectionToken } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import type { TaxCategory } from '../tax/tax-engine.js';

/** How the goods reach the customer: the order process mode the platform binds. */
export type DeliveryMode = 'ship' | 'pickup' | 'order_ahead' | 'carry_out';

/** A postal address as orders keep it (a copy; later address-book edits do not change it). */
export interface OrderAddress {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string | null;
}

/** One priced line of an order being placed. All amounts are integer minor units. */
export interface PlaceOrderLine {
  /** The cart line's id (kept as `source_line_id`); null for lines not from a cart. */
  sourceLineId?: string | null;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  quantity: number;
  /** The unit price as listed (tax-inclusive when the platform's prices include tax). */
  unitPrice: number;
  /** The list price before a sale price, when there was one. */
  compareAtPrice?: number | null;
  /** Σ line discounts (positive number; subtracted). */
  discount: number;
  taxCategory: TaxCategory;
  taxRateBp: number;
  net: number;
  tax: number;
  /** What the customer pays for the line: net + tax. */
  total: number;
  /** The location the line is fulfilled from (sourcing's choice). */
  locationId: string;
}

/** An adjustment the promotions module (or a plugin) applied to the order, as recorded. */
export interface PlaceOrderAdjustment {
  /** Who made it, e.g. `promotions`. */
  source: string;
  code: string | null;
  label: string;
  /** Positive amount taken off. */
  amount: number;
  /** The line it applies to (a cart line id), or null for the whole order. */
  lineKey: string | null;
}

/** The delivery the customer chose. */
export interface PlaceOrderDelivery {
  mode: DeliveryMode;
  /** `ship`: the shipping method's id and code. */
  shippingMethodId?: string | null;
  shippingMethodCode?: string | null;
  /** What shipping costs (gross), its tax and net. */
  shippingTotal: number;
  shippingTax: number;
  /** `pickup` / `order_ahead` / `carry_out`: the store. */
  pickupLocationId?: string | null;
  /** `pickup`: the ready-at estimate given at checkout; `order_ahead`: the slot's start. */
  readyAt?: Date | null;
  /** `order_ahead`: the booked slot. */
  slotStart?: Date | null;
  slotEnd?: Date | null;
}

/** Everything needed to write an order. Built by checkout (carts), draft orders or imports. */
export interface PlaceOrderInput {
  /** The new order's id (callers create it first so payments can reference it). */
  orderId: string;
  platformId: string;
  /** The customer (resolved through the identity resolver by the caller), or null for an anonymous sale. */
  customerId: string | null;
  email?: string | null;
  phone?: string | null;
  currency: string;
  locale?: string | null;
  pricesIncludeTax: boolean;
  lines: PlaceOrderLine[];
  adjustments?: PlaceOrderAdjustment[];
  /** Σ line (unitPrice × quantity) before discounts. */
  subtotal: number;
  /** Σ discounts (line and order level). */
  discountTotal: number;
  /** Σ line tax + shipping tax. */
  taxTotal: number;
  shippingTotal: number;
  /** What the customer pays. Must equal Σ line totals + shippingTotal. */
  total: number;
  delivery: PlaceOrderDelivery;
  shippingAddress?: OrderAddress | null;
  billingAddress?: OrderAddress | null;
  note?: string | null;
  tags?: string[];
  /** Staff who sold it (store, call centre), or null. */
  soldByStaffId?: string | null;
  /** Where it was sold in person (POS). */
  soldAtLocationId?: string | null;
  /** A marketplace's or an importer's own id of the order. */
  externalReference?: string | null;
  /** The cart it came from. */
  cartId?: string | null;
  /** Reservations (reference) to turn into the sale: all active reservations of this reference are committed. */
  reservationReference?: { type: string; id: string } | null;
  /** Payment status at placement: `paid` when payments captured the total, `authorized`, or `pending`. */
  paymentStatus: 'pending' | 'authorized' | 'paid' | 'pay_later';
  /** Order-level idempotency: the key the caller placed the order with (unique per platform). */
  idempotencyKey: string;
}

/** What placement returns. */
export interface PlacedOrder {
  id: string;
  number: string;
  platformId: string;
  customerId: string | null;
  total: number;
  currency: string;
  processInstanceId: string;
  /** True when the idempotency key had already placed this order (nothing was written now). */
  replayed: boolean;
  /**
   * The order's access token (guests read their order with it): returned once, when the order
   * is written (absent on a replay); only its sha256 is stored.
   */
  accessToken?: string;
}

/**
 * Writes an order in the caller's transaction: the order and its lines, its number, the
 * committed stock (reservations → sale), its order process (mode = delivery mode), the
 * `order.placed` event and every registered {@link OrderHook}. Implemented by the orders module.
 */
export interface OrderPlacement {
  place(trx: Ctx, input: PlaceOrderInput): Promise<PlacedOrder>;
  /** The order an idempotency key placed on a platform, or null. */
  byIdempotencyKey(ctx: Ctx, platformId: string, key: string): Promise<PlacedOrder | null>;
}

export const OrderPlacementToken = Symbol.for('plaza.orders.OrderPlacement') as InjectionToken<OrderPlacement>;

/** The order as hooks see it right after placement. */
export interface PlacedOrderView extends PlacedOrder {
  mode: DeliveryMode;
  pickupLocationId: string | null;
  lines: { id: string; variantId: string; quantity: number; locationId: string }[];
}

/**
 * Runs inside the placement transaction after the order is written (e.g. the fulfillment
 * module creates one fulfillment per source location). Register with {@link OrderHooks.register}.
 */
export interface OrderHook {
  name: string;
  afterPlace?(trx: Ctx, order: PlacedOrderView): Promise<void>;
  /** After the order was cancelled (stock restocked by the orders module) — e.g. cancel open fulfillments. */
  afterCancel?(trx: Ctx, order: { id: string; platformId: string }): Promise<void>;
}
