import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { level } from '../inventory/__tests__/inventory-harness.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { errorOf } from '../pricing/__tests__/pricing-harness.js';
import { CART, CQ, createShop, createStore, createVariants, MADRID, receive, setUpSpain, type CartNode, type ShopPlatform } from './__tests__/checkout-harness.js';

const DRAFT = `id platformId createdByStaffId cart { ${CART} }`;
const D = {
  create: `mutation($input: CreateDraftOrderInput!) { createDraftOrder(input: $input) { ${DRAFT} } }`,
  add: `mutation($id: ID!, $lines: [CartLineInput!]!) { draftOrderAddLines(id: $id, lines: $lines) { ${DRAFT} } }`,
  addresses: `mutation($id: ID!, $shipping: CustomerAddressInput) { draftOrderSetAddresses(id: $id, shipping: $shipping) { ${DRAFT} } }`,
  delivery: `mutation($id: ID!, $input: CartDeliveryInput!) { draftOrderSetDelivery(id: $id, input: $input) { ${DRAFT} } }`,
  list: `query($platformId: ID!) { draftOrders(platformId: $platformId, first: 10) { edges { node { id } } pageInfo { hasNextPage } } }`,
  link: `mutation($id: ID!) { sendDraftOrderPaymentLink(id: $id) { url notificationId } }`,
  complete: `mutation($id: ID!, $input: CompleteDraftOrderInput!) { completeDraftOrder(id: $id, input: $input) { order { id total soldByStaffId paymentStatus } paymentStatus cart { id status } } }`,
  settings: `query($platformId: ID!) { checkoutSettings(platformId: $platformId) { platformId pricesIncludeTax reservationTtlMinutes paymentCapture storefrontUrl } }`,
  setSettings: `mutation($input: CheckoutSettingsInput!) { setCheckoutSettings(input: $input) { platformId pricesIncludeTax reservationTtlMinutes paymentCapture storefrontUrl } }`,
} as const;

type DraftNode = { id: string; platformId: string; createdByStaffId: string | null; cart: CartNode };

describe('draft orders and checkout settings (admin API)', () => {
  let env: TestEnvironment;
  let shop: ShopPlatform;
  let variantId: string;
  let storeId: string;
  let shippingMethodId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    ({ shippingMethodId } = await setUpSpain(env));
    shop = await createShop(env);
    [variantId] = (await createVariants(env, [shop], [2999])) as [string];
    storeId = await createStore(env, [shop]);
    await receive(env, variantId, storeId, 10);
  });
  afterAll(async () => env?.close());

  async function draft(email = 'phone-order@example.com'): Promise<DraftNode> {
    const created = (await env.adminClient.data<{ createDraftOrder: DraftNode }>(D.create, { input: { platformId: shop.id, email } })).createDraftOrder;
    await env.adminClient.data(D.add, { id: created.id, lines: [{ variantId, quantity: 2 }] });
    await env.adminClient.data(D.addresses, { id: created.id, shipping: MADRID });
    return (await env.adminClient.data<{ draftOrderSetDelivery: DraftNode }>(D.delivery, { id: created.id, input: { mode: 'SHIP', shippingMethodId } })).draftOrderSetDelivery;
  }

  it('checkout settings: defaults, partial updates, permission', async () => {
    const initial = (await env.adminClient.data<{ checkoutSettings: unknown }>(D.settings, { platformId: shop.id })).checkoutSettings;
    expect(initial).toEqual({ platformId: shop.id, pricesIncludeTax: true, reservationTtlMinutes: 15, paymentCapture: 'SALE', storefrontUrl: null });
    const set = (await env.adminClient.data<{ setCheckoutSettings: unknown }>(D.setSettings, { input: { platformId: shop.id, reservationTtlMinutes: 20, storefrontUrl: 'https://shop.example.com/' } })).setCheckoutSettings;
    expect(set).toMatchObject({ reservationTtlMinutes: 20, pricesIncludeTax: true, storefrontUrl: 'https://shop.example.com/' });
    const bad = await env.adminClient.query(D.setSettings, { input: { platformId: shop.id, reservationTtlMinutes: 0 } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'reservationTtlMinutes' }] });
    expect(errorOf(await env.limitedAdminClient.query(D.settings, { platformId: shop.id })).code).toBe('FORBIDDEN');
  });

  it('staff build a draft and complete it with split tenders; the staff member is the seller', async () => {
    const d = await draft();
    expect(d.createdByStaffId).toBeTruthy();
    expect(d.cart.total).toBe(2999 * 2 + 495);
    const listed = (await env.adminClient.data<{ draftOrders: { edges: { node: { id: string } }[] } }>(D.list, { platformId: shop.id })).draftOrders.edges;
    expect(listed.map((e) => e.node.id)).toContain(d.id);
    const mismatch = await env.adminClient.query(D.complete, { id: d.id, input: { idempotencyKey: 'draft-1', payments: [{ provider: 'manual', method: 'CASH', amount: 1000 }] } });
    expect(errorOf(mismatch)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENTS_TOTAL_MISMATCH' });
    expect(await level(env, variantId, storeId)).toMatchObject({ reserved: 0 });
    const input = { idempotencyKey: 'draft-2', payments: [{ provider: 'manual', method: 'CASH', amount: 1000 }, { provider: 'manual', method: 'TERMINAL', amount: d.cart.total - 1000 }] };
    const done = await env.adminClient.query<{ completeDraftOrder: { order: { id: string; total: number; soldByStaffId: string }; paymentStatus: string; cart: { status: string } } }>(D.complete, { id: d.id, input });
    expect(done.errors).toBeUndefined();
    const result = done.data!.completeDraftOrder;
    expect(result.order).toMatchObject({ total: d.cart.total, soldByStaffId: d.createdByStaffId });
    expect(result.paymentStatus).toBe('paid');
    expect(result.cart.status).toBe('CONVERTED');
    const replay = (await env.adminClient.data<{ completeDraftOrder: { order: { id: string } } }>(D.complete, { id: d.id, input })).completeDraftOrder;
    expect(replay.order.id).toBe(result.order.id);
  });

  it('a payment link: the customer pays the draft on the storefront through the channel placeOrder', async () => {
    const d = await draft('link@example.com');
    const link = (await env.adminClient.data<{ sendDraftOrderPaymentLink: { url: string; notificationId: string } }>(D.link, { id: d.id })).sendDraftOrderPaymentLink;
    expect(link.url).toBe(`https://shop.example.com/pay/${d.id}`);
    expect(link.notificationId).toBeTruthy();
    const visible = (await shop.channel.data<{ cart: CartNode }>(CQ.cart, { id: d.id })).cart;
    expect(visible.total).toBe(d.cart.total);
    const paid = await shop.channel.query<{ placeOrder: { order: { id: string } } }>(CQ.place, { input: { cartId: d.id, idempotencyKey: 'pay-link-1', payment: { provider: 'sandbox-card', method: 'card', card: { number: SANDBOX_CARDS.success } } } });
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.placeOrder.order.id).toBeTruthy();
  });

  it('needs orders.draft on the platform', async () => {
    const denied = await env.limitedAdminClient.query(D.create, { input: { platformId: shop.id } });
    expect(errorOf(denied).code).toBe('FORBIDDEN');
  });
});
