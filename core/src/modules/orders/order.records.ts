import { fromJson } from '../../db/json-column.js';
import type { DeliveryMode, OrderAddress } from './order-placement.types.js';

export type OrderStatus = 'open' | 'completed' | 'cancelled';
export type OrderPaymentStatus = 'pending' | 'authorized' | 'partially_paid' | 'paid' | 'partially_refunded' | 'refunded' | 'pay_later';

/** An order as services and resolvers see it. Amounts in integer minor units. */
export interface Order {
  id: string;
  platformId: string;
  number: string;
  externalReference: string | null;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  currency: string;
  locale: string | null;
  pricesIncludeTax: boolean;
  mode: DeliveryMode;
  status: OrderStatus;
  state: string;
  paymentStatus: OrderPaymentStatus;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  total: number;
  paidTotal: number;
  refundedTotal: number;
  /** What is still to pay: total − (paid − refunded), never below 0. */
  balanceDue: number;
  shippingMethodId: string | null;
  shippingMethodCode: string | null;
  pickupLocationId: string | null;
  readyAt: Date | null;
  slotStart: Date | null;
  slotEnd: Date | null;
  pickupCode: string | null;
  shippingAddress: OrderAddress | null;
  billingAddress: OrderAddress | null;
  note: string | null;
  tags: string[];
  soldByStaffId: string | null;
  soldAtLocationId: string | null;
  cartId: string | null;
  processInstanceId: string | null;
  placedAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

export interface OrderLine {
  id: string;
  orderId: string;
  sourceLineId: string | null;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  compareAtPrice: number | null;
  discount: number;
  taxCategory: string;
  taxRateBp: number;
  net: number;
  tax: number;
  total: number;
  locationId: string;
  fulfilledQuantity: number;
  cancelledQuantity: number;
  position: number;
}

export interface OrderAdjustment {
  id: string;
  orderId: string;
  source: string;
  code: string | null;
  label: string;
  amount: number;
  lineId: string | null;
}

type Num = string | number;

export interface OrderRow {
  id: string;
  platform_id: string;
  number: string;
  external_reference: string | null;
  customer_id: string | null;
  email: string | null;
  phone: string | null;
  currency: string;
  locale: string | null;
  prices_include_tax: boolean | number;
  mode: string;
  status: string;
  state: string;
  payment_status: string;
  subtotal: Num;
  discount_total: Num;
  tax_total: Num;
  shipping_total: Num;
  total: Num;
  paid_total: Num;
  refunded_total: Num;
  shipping_method_id: string | null;
  shipping_method_code: string | null;
  pickup_location_id: string | null;
  ready_at: Num | null;
  slot_start: Num | null;
  slot_end: Num | null;
  pickup_code: string | null;
  shipping_address: string;
  billing_address: string;
  note: string | null;
  tags: string;
  sold_by_staff_id: string | null;
  sold_at_location_id: string | null;
  cart_id: string | null;
  process_instance_id: string | null;
  idempotency_key: string;
  access_token_hash: string | null;
  placed_at: Num;
  updated_at: Num;
  cancelled_at: Num | null;
}

export interface LineRow {
  id: string;
  order_id: string;
  source_line_id: string | null;
  variant_id: string;
  product_id: string;
  sku: string;
  title: string;
  quantity: Num;
  unit_price: Num;
  compare_at_price: Num | null;
  discount: Num;
  tax_category: string;
  tax_rate_bp: Num;
  net: Num;
  tax: Num;
  total: Num;
  location_id: string;
  fulfilled_quantity: Num;
  cancelled_quantity: Num;
  position: Num;
}

export interface AdjustmentRow {
  id: string;
  order_id: string;
  source: string;
  code: string | null;
  label: string;
  amount: Num;
  line_id: string | null;
}

const date = (v: Num | null): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const address = (v: string): OrderAddress | null => {
  const a = fromJson<OrderAddress | Record<string, never> | null>(v);
  return a && 'line1' in a ? (a as OrderAddress) : null;
};

/** What is still to pay on an order. */
export function balanceDue(total: number, paid: number, refunded: number): number {
  return Math.max(0, total - (paid - refunded));
}

export function toOrder(row: OrderRow): Order {
  const total = Number(row.total);
  const paid = Number(row.paid_total);
  const refunded = Number(row.refunded_total);
  return {
    id: row.id,
    platformId: row.platform_id,
    number: row.number,
    externalReference: row.external_reference,
    customerId: row.customer_id,
    email: row.email,
    phone: row.phone,
    currency: row.currency,
    locale: row.locale,
    pricesIncludeTax: Boolean(row.prices_include_tax),
    mode: row.mode as DeliveryMode,
    status: row.status as OrderStatus,
    state: row.state,
    paymentStatus: row.payment_status as OrderPaymentStatus,
    subtotal: Number(row.subtotal),
    discountTotal: Number(row.discount_total),
    taxTotal: Number(row.tax_total),
    shippingTotal: Number(row.shipping_total),
    total,
    paidTotal: paid,
    refundedTotal: refunded,
    balanceDue: balanceDue(total, paid, refunded),
    shippingMethodId: row.shipping_method_id,
    shippingMethodCode: row.shipping_method_code,
    pickupLocationId: row.pickup_location_id,
    readyAt: date(row.ready_at),
    slotStart: date(row.slot_start),
    slotEnd: date(row.slot_end),
    pickupCode: row.pickup_code,
    shippingAddress: address(row.shipping_address),
    billingAddress: address(row.billing_address),
    note: row.note,
    tags: fromJson<string[]>(row.tags) ?? [],
    soldByStaffId: row.sold_by_staff_id,
    soldAtLocationId: row.sold_at_location_id,
    cartId: row.cart_id,
    processInstanceId: row.process_instance_id,
    placedAt: new Date(Number(row.placed_at)),
    updatedAt: new Date(Number(row.updated_at)),
    cancelledAt: date(row.cancelled_at),
  };
}

export function toLine(row: LineRow): OrderLine {
  return {
    id: row.id,
    orderId: row.order_id,
    sourceLineId: row.source_line_id,
    variantId: row.variant_id,
    productId: row.product_id,
    sku: row.sku,
    title: row.title,
    quantity: Number(row.quantity),
    unitPrice: Number(row.unit_price),
    compareAtPrice: row.compare_at_price === null ? null : Number(row.compare_at_price),
    discount: Number(row.discount),
    taxCategory: row.tax_category,
    taxRateBp: Number(row.tax_rate_bp),
    net: Number(row.net),
    tax: Number(row.tax),
    total: Number(row.total),
    locationId: row.location_id,
    fulfilledQuantity: Number(row.fulfilled_quantity),
    cancelledQuantity: Number(row.cancelled_quantity),
    position: Number(row.position),
  };
}

export function toAdjustment(row: AdjustmentRow): OrderAdjustment {
  return { id: row.id, orderId: row.order_id, source: row.source, code: row.code, label: row.label, amount: Number(row.amount), lineId: row.line_id };
}
