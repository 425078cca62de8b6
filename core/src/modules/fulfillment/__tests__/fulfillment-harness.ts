import { newId } from '../../../kernel/ids.js';
import { inTransaction } from '../../../db/transaction.js';
import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';
import { freshEmail, register } from '../../customers/__tests__/account-harness.js';
import { InventoryService } from '../../inventory/index.js';
import { createLocation, createTestPlatform, createVariants, linkLocations, receive } from '../../inventory/__tests__/inventory-harness.js';
import { OrderPlacementToken, type DeliveryMode, type PlacedOrder } from '../../orders/order-placement.types.js';

/** Admin and channel operations of the fulfillment module, as front ends send them. */
export const FQ = {
  fields: 'id orderId platformId locationId mode state status carrier trackingNumber trackingUrl cancelReason packedAt shippedAt deliveredAt collectedByStaffId lines { orderLineId quantity }',
  order: `query($id: ID!) { order(id: $id) { id number state status lines { id variantId quantity fulfilledQuantity locationId } fulfillments { id mode state status locationId trackingNumber lines { orderLineId quantity } } } }`,
  list: `query($first: Int, $after: String, $filter: FulfillmentFilter) { fulfillments(first: $first, after: $after, filter: $filter) { edges { node { id orderId locationId state status mode } } pageInfo { hasNextPage endCursor } } }`,
  one: `query($id: ID!) { fulfillment(id: $id) { id state status locationId } }`,
  pack: `mutation($id: ID!) { packFulfillment(id: $id) { id state status packedAt } }`,
  ship: `mutation($id: ID!, $input: ShipFulfillmentInput!) { shipFulfillment(id: $id, input: $input) { id state status trackingNumber trackingUrl carrier shippedAt } }`,
  deliver: `mutation($id: ID!) { deliverFulfillment(id: $id) { id state status deliveredAt } }`,
  cancel: `mutation($id: ID!, $reason: String) { cancelFulfillment(id: $id, reason: $reason) { id state status cancelReason } }`,
  create: `mutation($orderId: ID!, $input: CreateFulfillmentInput!) { createFulfillment(orderId: $orderId, input: $input) { id state status locationId mode lines { orderLineId quantity } } }`,
  split: `mutation($id: ID!, $lines: [FulfillmentLineInput!]!) { splitFulfillment(id: $id, lines: $lines) { id state status locationId lines { orderLineId quantity } } }`,
  ready: `mutation($id: ID!) { markReadyForPickup(id: $id) { id state status } }`,
  collect: `mutation($orderId: ID, $fulfillmentId: ID, $code: String!) { collectPickup(orderId: $orderId, fulfillmentId: $fulfillmentId, code: $code) { id state status collectedByStaffId } }`,
  find: `query($locationId: ID!, $code: String!) { findOrderByPickupCode(locationId: $locationId, code: $code) { orderId orderNumber fulfillments { id state } } }`,
} as const;

/** A fulfillment as the tests read it. */
export interface FulfillmentNode {
  id: string;
  mode: 'SHIP' | 'PICKUP';
  state: string;
  status: 'OPEN' | 'DONE' | 'CANCELLED';
  locationId: string;
  trackingNumber?: string | null;
  lines: { orderLineId: string; quantity: number }[];
}

/** An order as the tests read it through the admin API. */
export interface OrderNode {
  id: string;
  number: string;
  state: string;
  status: string;
  lines: { id: string; variantId: string; quantity: number; fulfilledQuantity: number; locationId: string }[];
  fulfillments: FulfillmentNode[];
}

/** A platform with two stores that hold stock of two variants, and a signed-up customer. */
export interface Shop {
  platformId: string;
  channel: GraphQLClient;
  storeA: string;
  storeB: string;
  variants: string[];
  customerId: string;
  email: string;
  customer: GraphQLClient;
}

let stores = 0;

/** Sets up a {@link Shop} through the admin and channel APIs. */
export async function createShop(env: TestEnvironment): Promise<Shop> {
  const platform = await createTestPlatform(env.adminClient);
  stores += 1;
  const storeA = await createLocation(env, { code: `ful-a-${stores}-${Date.now()}`, pickupEnabled: true });
  const storeB = await createLocation(env, { code: `ful-b-${stores}-${Date.now()}`, pickupEnabled: true });
  await linkLocations(env, platform.id, [{ locationId: storeA }, { locationId: storeB }]);
  const variants = await createVariants(env, 2);
  for (const variantId of variants) for (const locationId of [storeA, storeB]) await receive(env, variantId, locationId, 50);
  const channel = env.channelClient(platform.key);
  const email = freshEmail('collect');
  const { customerId, client } = await register(channel, email);
  return { platformId: platform.id, channel, storeA, storeB, variants, customerId, email, customer: client };
}

/** One line of a test order: 1 000 minor units a unit, 21 % tax included. */
export interface TestLine {
  variantId: string;
  locationId: string;
  quantity: number;
}

/**
 * Places an order through the orders module's {@link OrderPlacementToken} in one transaction,
 * after reserving its lines (reference: a cart with the order's id), as checkout does.
 */
export async function placeOrder(env: TestEnvironment, shop: Shop, input: { mode: DeliveryMode; lines: TestLine[]; pickupLocationId?: string; paymentStatus?: 'pending' | 'paid' }): Promise<PlacedOrder> {
  const placement = env.plaza.container.resolve(OrderPlacementToken);
  const inventory = env.plaza.container.resolve(InventoryService);
  const orderId = newId('ord');
  const lines = input.lines.map((l) => {
    const total = 1000 * l.quantity;
    const net = Math.round(total / 1.21);
    return { variantId: l.variantId, productId: 'prod_test', sku: `SKU-${l.variantId}`, title: 'Test item', quantity: l.quantity, unitPrice: 1000, discount: 0, taxCategory: 'standard' as const, taxRateBp: 2100, net, tax: total - net, total, locationId: l.locationId };
  });
  const total = lines.reduce((s, l) => s + l.total, 0);
  return inTransaction(env.plaza.systemCtx(), async (trx) => {
    const reference = { type: 'cart', id: orderId };
    await inventory.reserve(trx, { lines: input.lines.map(({ variantId, locationId, quantity }) => ({ variantId, locationId, quantity })), reference, platformId: shop.platformId });
    return placement.place(trx, {
      orderId,
      platformId: shop.platformId,
      customerId: shop.customerId,
      email: shop.email,
      currency: 'EUR',
      locale: 'en',
      pricesIncludeTax: true,
      lines,
      subtotal: total,
      discountTotal: 0,
      taxTotal: lines.reduce((s, l) => s + l.tax, 0),
      shippingTotal: 0,
      total,
      delivery: { mode: input.mode, shippingTotal: 0, shippingTax: 0, pickupLocationId: input.pickupLocationId ?? null },
      shippingAddress: input.mode === 'ship' ? { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' } : null,
      reservationReference: reference,
      paymentStatus: input.paymentStatus ?? 'paid',
      idempotencyKey: `ful-test-${orderId}`,
    });
  });
}

/** The order with its fulfillments, through the admin API. */
export async function readOrder(client: GraphQLClient, id: string): Promise<OrderNode> {
  return (await client.data<{ order: OrderNode }>(FQ.order, { id })).order;
}

/** The first error's code, reason and fields. */
export async function errorOf(client: GraphQLClient, query: string, variables: Record<string, unknown>): Promise<{ code?: string; reason?: string; fields: { path: string; message: string }[] }> {
  const result = await client.query(query, variables);
  const ext = result.errors?.[0]?.extensions as { code?: string; reason?: string; fields?: { path: string; message: string }[] } | undefined;
  return { code: ext?.code, reason: ext?.reason, fields: ext?.fields ?? [] };
}
