import type { Knex } from 'knex';
import { createCtx, type Ctx } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';
import type { TestEnvironment } from '../../../testing/index.js';
import { createLocation, createTestPlatform, createVariants, linkLocations, receive, type TestPlatform } from '../../inventory/__tests__/inventory-harness.js';
import { InventoryService } from '../../inventory/index.js';
import { PaymentService, SANDBOX_CARDS } from '../../payments/index.js';
import { OrderPlacementToken, type DeliveryMode, type PlacedOrder, type PlaceOrderInput } from '../index.js';

export { createLocation, createTestPlatform, createVariants, linkLocations, receive, type TestPlatform };

/** Admin and channel operations of the orders module, as front ends send them. */
export const OQ = {
  order: `query($id: ID!) { order(id: $id) { id number platformId platform { id code } customerId email currency mode state stateLabel status paymentStatus
    subtotal discountTotal taxTotal shippingTotal total paidTotal refundedTotal balanceDue pickupCode
    lines { id variantId quantity unitPrice total tax locationId fulfilledQuantity cancelledQuantity }
    delivery { mode pickupLocation { id name } } process { instanceId state seq availableTransitions { name } } payments { id status capturedAmount refundedAmount } } }`,
  orders: `query($first: Int, $after: String, $filter: OrderFilter) { orders(first: $first, after: $after, filter: $filter) { edges { cursor node { id number state status platformId } } pageInfo { hasNextPage endCursor } } }`,
  byNumber: `query($platformId: ID, $number: String!) { orderByNumber(platformId: $platformId, number: $number) { id number } }`,
  cancel: `mutation($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { id state status paymentStatus paidTotal refundedTotal lines { quantity cancelledQuantity } } }`,
  transition: `mutation($id: ID!, $transition: String!) { transitionOrder(id: $id, transition: $transition) { id state status } }`,
  addPayment: `mutation($orderId: ID!, $input: AddOrderPaymentInput!) { addOrderPayment(orderId: $orderId, input: $input) { order { id paymentStatus paidTotal balanceDue state } payment { id status capturedAmount } } }`,
  prefix: `mutation($platformId: ID!, $prefix: String!) { setOrderNumberPrefix(platformId: $platformId, prefix: $prefix) }`,
  edit: `mutation($orderId: ID!, $input: EditOrderInput!, $key: String!) { editOrder(orderId: $orderId, input: $input, idempotencyKey: $key) { id total subtotal taxTotal paidTotal refundedTotal balanceDue paymentStatus lines { id variantId quantity cancelledQuantity total } } }`,
  channelOrder: `query($id: ID!, $accessToken: String) { order(id: $id, accessToken: $accessToken) { id number total state pickupCode platform { code } lines { sku quantity } } }`,
  myOrders: `query { me { id orders(first: 20) { edges { node { id number platformId platform { code } total } } } } }`,
  cancelMine: `mutation($id: ID!) { cancelMyOrder(id: $id) { id state status } }`,
  report: `query($from: DateTime!, $to: DateTime!) { paymentsReport(from: $from, to: $to) { platformId method currency day captured refunded net count } }`,
} as const;

/** A world to place orders in: two platforms sharing a stock location, stocked variants. */
export interface OrdersWorld {
  a: TestPlatform;
  b: TestPlatform;
  locationId: string;
  variants: string[];
}

/** Creates two platforms linked to one store location and `variantCount` variants with 100 units each. */
export async function createWorld(env: TestEnvironment, variantCount = 3): Promise<OrdersWorld> {
  const a = await createTestPlatform(env.adminClient);
  const b = await createTestPlatform(env.adminClient);
  const locationId = await createLocation(env, { code: `ord-store-${Date.now().toString(36)}` });
  await linkLocations(env, a.id, [{ locationId }]);
  await linkLocations(env, b.id, [{ locationId }]);
  const variants = await createVariants(env, variantCount);
  for (const v of variants) await receive(env, v, locationId, 100);
  return { a, b, locationId, variants };
}

/** The system context on the root handle. */
export function systemCtx(env: TestEnvironment, db: Knex = env.plaza.db): Ctx {
  return createCtx({ db, logger: env.plaza.logger, knownPermissions: new Set(env.plaza.registry.permissions.keys()) });
}

/** A line: unit price 1250 incl. 21 % tax, per unit net 1033 + tax 217. */
export function line(variantId: string, locationId: string, quantity = 1, unitPrice = 1250) {
  const total = unitPrice * quantity;
  const tax = Math.round((total * 2100) / 12100);
  return { variantId, productId: 'prod_test', sku: `SKU-${variantId.slice(-6)}`, title: 'Test item', quantity, unitPrice, discount: 0, taxCategory: 'standard' as const, taxRateBp: 2100, net: total - tax, tax, total, locationId };
}

/** A placement input for `lines` (shipping 0 unless given). */
export function placement(platformId: string, lines: ReturnType<typeof line>[], extra: Partial<PlaceOrderInput> & { mode?: DeliveryMode; shipping?: number } = {}): PlaceOrderInput {
  const shipping = extra.shipping ?? 0;
  const shippingTax = Math.round((shipping * 2100) / 12100);
  const { mode, shipping: _s, ...rest } = extra;
  const lineTotal = lines.reduce((s, l) => s + l.total, 0);
  return {
    orderId: newId('ord'),
    platformId,
    customerId: null,
    email: 'buyer@example.test',
    currency: 'EUR',
    locale: 'en',
    pricesIncludeTax: true,
    lines,
    subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0),
    discountTotal: 0,
    taxTotal: lines.reduce((s, l) => s + l.tax, 0) + shippingTax,
    shippingTotal: shipping,
    total: lineTotal + shipping,
    delivery: { mode: mode ?? 'ship', shippingTotal: shipping, shippingTax, shippingMethodCode: mode === 'ship' || !mode ? 'standard' : null, pickupLocationId: mode && mode !== 'ship' ? lines[0]!.locationId : null },
    shippingAddress: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    paymentStatus: 'pending',
    idempotencyKey: newId('key'),
    ...rest,
  };
}

/**
 * Places an order as checkout does: reserves its lines (reference cart), optionally takes a
 * card payment first, then writes the order in one transaction.
 */
export async function placeOrder(env: TestEnvironment, input: PlaceOrderInput, options: { pay?: boolean; reserve?: boolean } = {}): Promise<PlacedOrder> {
  const ctx = systemCtx(env);
  const reference = { type: 'cart', id: newId('cart') };
  if (options.reserve !== false) {
    await env.plaza.container.resolve(InventoryService).reserve(ctx, { platformId: input.platformId, lines: input.lines.map((l) => ({ variantId: l.variantId, locationId: l.locationId, quantity: l.quantity })), reference, ttlSeconds: 900 });
  }
  let paymentStatus = input.paymentStatus;
  if (options.pay) {
    await env.plaza.container.resolve(PaymentService).authorize(ctx, {
      orderId: input.orderId, platformId: input.platformId, customerId: input.customerId, provider: 'sandbox-card', method: 'card', amount: input.total, currency: input.currency,
      idempotencyKey: `${input.idempotencyKey}:pay`, capture: true, card: { number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2040, cvc: '123' },
    });
    paymentStatus = 'paid';
  }
  const placement = env.plaza.container.resolve(OrderPlacementToken);
  return env.plaza.db.transaction((trx) => placement.place({ ...ctx, db: trx }, { ...input, paymentStatus, reservationReference: options.reserve === false ? null : reference }));
}
