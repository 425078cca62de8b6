import { epochDateOrNull, epochMillis, epochMillisOrNull } from '../../db/epoch-column.js';
import { fromJson } from '../../db/json-column.js';
import type { OrderAddress } from '../orders/order-placement.types.js';
import type { TaxCategory } from '../tax/tax-engine.js';

/** Where a cart is in its life. */
export type CartStatus = 'active' | 'checking_out' | 'converted' | 'abandoned';
/** A shopper's cart, or a draft order staff build for a customer. */
export type CartKind = 'cart' | 'draft';
/** How the goods reach the customer, as a cart chooses it. */
export type CartDeliveryMode = 'ship' | 'pickup' | 'order_ahead';

/** The delivery a cart chose (stored as JSON on the cart). */
export interface CartDelivery {
  mode: CartDeliveryMode;
  shippingMethodId: string | null;
  shippingMethodCode: string | null;
  shippingMethodName: string | null;
  locationId: string | null;
  locationName: string | null;
  /** ISO strings. */
  readyAt: string | null;
  slotStart: string | null;
  slotEnd: string | null;
}

/** Net and tax of the cart's lines (and shipping) at one rate. */
export interface CartTaxLine {
  category: TaxCategory;
  name: string;
  rateBp: number;
  net: number;
  tax: number;
}

/** A discount applied to the cart (a promotion, a plugin). `lineKey` null: the whole order. */
export interface CartAdjustment {
  lineKey: string | null;
  /** Positive amount taken off, minor units. */
  amount: number;
  label: string;
  code: string | null;
  source: string;
}

/** One priced cart line. Amounts in minor units. */
export interface CartLine {
  id: string;
  cartId: string;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  compareAtPrice: number | null;
  discount: number;
  taxCategory: TaxCategory;
  taxRateBp: number;
  net: number;
  tax: number;
  total: number;
  weightGrams: number | null;
  locationId: string | null;
  position: number;
}

/** A cart with its computed totals. */
export interface Cart {
  id: string;
  platformId: string;
  kind: CartKind;
  status: CartStatus;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  currency: string;
  locale: string | null;
  pricesIncludeTax: boolean;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  shippingTax: number;
  total: number;
  itemCount: number;
  taxLines: CartTaxLine[];
  adjustments: CartAdjustment[];
  shippingAddress: OrderAddress | null;
  billingAddress: OrderAddress | null;
  delivery: CartDelivery | null;
  reservedUntil: Date | null;
  pendingOrderId: string | null;
  orderId: string | null;
  createdByStaffId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A `cart` row as the database returns it. */
export interface CartRow {
  id: string;
  platform_id: string;
  kind: string;
  status: string;
  customer_id: string | null;
  email: string | null;
  phone: string | null;
  currency: string;
  locale: string | null;
  prices_include_tax: boolean | number;
  subtotal: number | string;
  discount_total: number | string;
  tax_total: number | string;
  shipping_total: number | string;
  shipping_tax: number | string;
  total: number | string;
  item_count: number;
  tax_lines: unknown;
  adjustments: unknown;
  shipping_address: unknown;
  billing_address: unknown;
  delivery: unknown;
  reserved_until: number | string | null;
  pending_order_id: string | null;
  order_id: string | null;
  created_by_staff_id: string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** A `cart_line` row as the database returns it. */
export interface CartLineRow {
  id: string;
  cart_id: string;
  variant_id: string;
  product_id: string;
  sku: string;
  title: string;
  quantity: number;
  unit_price: number | string;
  compare_at_price: number | string | null;
  discount: number | string;
  tax_category: string;
  tax_rate_bp: number;
  net: number | string;
  tax: number | string;
  total: number | string;
  weight_grams: number | null;
  location_id: string | null;
  position: number;
}

const jsonOrNull = <T>(value: unknown): T | null => (value === null || value === undefined ? null : fromJson<T>(value));

/** Row → record. */
export function toCart(row: CartRow): Cart {
  return {
    id: row.id,
    platformId: row.platform_id,
    kind: row.kind as CartKind,
    status: row.status as CartStatus,
    customerId: row.customer_id,
    email: row.email,
    phone: row.phone,
    currency: row.currency,
    locale: row.locale,
    pricesIncludeTax: Boolean(row.prices_include_tax),
    subtotal: epochMillis(row.subtotal),
    discountTotal: epochMillis(row.discount_total),
    taxTotal: epochMillis(row.tax_total),
    shippingTotal: epochMillis(row.shipping_total),
    shippingTax: epochMillis(row.shipping_tax),
    total: epochMillis(row.total),
    itemCount: Number(row.item_count),
    taxLines: jsonOrNull<CartTaxLine[]>(row.tax_lines) ?? [],
    adjustments: jsonOrNull<CartAdjustment[]>(row.adjustments) ?? [],
    shippingAddress: jsonOrNull<OrderAddress>(row.shipping_address),
    billingAddress: jsonOrNull<OrderAddress>(row.billing_address),
    delivery: jsonOrNull<CartDelivery>(row.delivery),
    reservedUntil: epochDateOrNull(row.reserved_until),
    pendingOrderId: row.pending_order_id,
    orderId: row.order_id,
    createdByStaffId: row.created_by_staff_id,
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

/** Row → record. */
export function toCartLine(row: CartLineRow): CartLine {
  return {
    id: row.id,
    cartId: row.cart_id,
    variantId: row.variant_id,
    productId: row.product_id,
    sku: row.sku,
    title: row.title,
    quantity: Number(row.quantity),
    unitPrice: epochMillis(row.unit_price),
    compareAtPrice: epochMillisOrNull(row.compare_at_price),
    discount: epochMillis(row.discount),
    taxCategory: row.tax_category as TaxCategory,
    taxRateBp: Number(row.tax_rate_bp),
    net: epochMillis(row.net),
    tax: epochMillis(row.tax),
    total: epochMillis(row.total),
    weightGrams: row.weight_grams === null ? null : Number(row.weight_grams),
    locationId: row.location_id,
    position: Number(row.position),
  };
}

/** Record → row columns of a line. */
export function lineRow(line: CartLine): CartLineRow {
  return {
    id: line.id,
    cart_id: line.cartId,
    variant_id: line.variantId,
    product_id: line.productId,
    sku: line.sku,
    title: line.title,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    compare_at_price: line.compareAtPrice,
    discount: line.discount,
    tax_category: line.taxCategory,
    tax_rate_bp: line.taxRateBp,
    net: line.net,
    tax: line.tax,
    total: line.total,
    weight_grams: line.weightGrams,
    location_id: line.locationId,
    position: line.position,
  };
}
