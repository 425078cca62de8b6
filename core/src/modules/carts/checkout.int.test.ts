import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { level } from '../inventory/__tests__/inventory-harness.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { errorOf } from '../pricing/__tests__/pricing-harness.js';
import { freshEmail, register } from '../customers/__tests__/account-harness.js';
import { CQ, createShop, createStore, createVariants, MADRID, receive, setUpSpain, type CartNode, type ShopPlatform } from './__tests__/checkout-harness.js';

type PlaceNode = { order: { id: string; number: string; total: number } | null; accessToken: string | null; paymentStatus: string; nextAction: unknown; cart: { id: string; status: string; orderId: string | null; total: number } };

const card = (number: string) => ({ provider: 'sandbox-card', method: 'card', card: { number, expMonth: 12, expYear: 2030, cvc: '123' } });
const LEDGER = `query($filter: PaymentLedgerFilter) { paymentLedger(first: 100, filter: $filter) { edges { node { kind amount orderId status } } } }`;
const ORDERS = `query($filter: OrderFilter) { orders(first: 50, filter: $filter) { edges { node { id total platform { id } } } } }`;
const RESERVATIONS = `query($filter: StockReservationFilter) { stockReservations(first: 100, filter: $filter) { edges { node { id status reference { type id } } } } }`;

describe('checkout: placeOrder', () => {
  let env: TestEnvironment;
  let web: ShopPlatform;
  let headless: ShopPlatform;
  let storeId: string;
  let shippingMethodId: string;
  let seq = 0;
  const key = () => `key-${++seq}-${Date.now()}`;

  beforeAll(async () => {
    env = await createTestEnvironment();
    ({ shippingMethodId } = await setUpSpain(env));
    web = await createShop(env);
    headless = await createShop(env);
    storeId = await createStore(env, [web, headless]);
  });
  afterAll(async () => env?.close());

  /** A cart ready to place: one line, e-mail, address, shipping. */
  async function readyCart(shop: ShopPlatform, variantId: string, quantity = 1): Promise<CartNode> {
    const created = (await shop.channel.data<{ createCart: CartNode }>(CQ.create, { input: { email: `buyer${++seq}@example.com`, lines: [{ variantId, quantity }] } })).createCart;
    await shop.channel.data(CQ.addresses, { cartId: created.id, shipping: MADRID });
    return (await shop.channel.data<{ setCartDelivery: CartNode }>(CQ.delivery, { cartId: created.id, input: { mode: 'SHIP', shippingMethodId } })).setCartDelivery;
  }
  const place = (shop: ShopPlatform, cartId: string, idempotencyKey: string, number: string = SANDBOX_CARDS.success) =>
    shop.channel.query<{ placeOrder: PlaceNode }>(CQ.place, { input: { cartId, idempotencyKey, payment: card(number) } });

  it('places an order: stock sold, payment captured, cart converted; a replay returns the same order', async () => {
    const [variantId] = await createVariants(env, [web], [1999]);
    await receive(env, variantId!, storeId, 5);
    const cart = await readyCart(web, variantId!, 2);
    const k = key();
    const first = await place(web, cart.id, k);
    expect(first.errors).toBeUndefined();
    const placed = first.data!.placeOrder;
    expect(placed.order).toMatchObject({ total: cart.total });
    expect(placed.paymentStatus).toBe('paid');
    expect(placed.accessToken).toMatch(/^pzo_/);
    expect(placed.cart).toMatchObject({ status: 'CONVERTED', orderId: placed.order!.id });
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 3, reserved: 0 });
    const replay = await place(web, cart.id, k);
    expect(replay.errors).toBeUndefined();
    const again = replay.data!.placeOrder;
    expect(again.order!.id).toBe(placed.order!.id);
    const ledger = (await env.adminClient.data<{ paymentLedger: { edges: { node: { kind: string; amount: number } }[] } }>(LEDGER, { filter: { orderId: placed.order!.id } })).paymentLedger.edges;
    expect(ledger.map((e) => [e.node.kind, e.node.amount])).toEqual([['CAPTURE', cart.total]]);
    const other = await place(web, cart.id, key());
    expect(errorOf(other)).toMatchObject({ code: 'CONFLICT', reason: 'CART_CONVERTED' });
  });

  it('refuses an incomplete cart with the missing fields, and the manual provider on the channel', async () => {
    const [variantId] = await createVariants(env, [web], [500]);
    const cart = (await web.channel.data<{ createCart: CartNode }>(CQ.create, { input: { lines: [{ variantId, quantity: 1 }] } })).createCart;
    const incomplete = await place(web, cart.id, key());
    expect(errorOf(incomplete)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHECKOUT_INCOMPLETE' });
    expect(errorOf(incomplete).fields.map((f) => f.path).sort()).toEqual(['delivery', 'email']);
    const manual = await web.channel.query(CQ.place, { input: { cartId: cart.id, idempotencyKey: key(), payment: { provider: 'manual', method: 'cash' } } });
    expect(errorOf(manual)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a declined card leaves no order, no active reservation, no payment, and the cart ACTIVE', async () => {
    const [variantId] = await createVariants(env, [web], [2500]);
    await receive(env, variantId!, storeId, 3);
    const cart = await readyCart(web, variantId!, 1);
    const declined = await place(web, cart.id, key(), SANDBOX_CARDS.declined);
    expect(errorOf(declined)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENT_DECLINED' });
    const after = (await web.channel.data<{ cart: CartNode }>(CQ.cart, { id: cart.id })).cart;
    expect(after.status).toBe('ACTIVE');
    expect(after.orderId).toBeNull();
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 3, reserved: 0 });
    const reservations = (await env.adminClient.data<{ stockReservations: { edges: { node: { status: string } }[] } }>(RESERVATIONS, { filter: { variantId } })).stockReservations.edges;
    expect(reservations.length).toBeGreaterThan(0);
    expect(reservations.filter((r) => r.node.status === 'ACTIVE')).toEqual([]);
    const orders = (await env.adminClient.data<{ orders: { edges: unknown[] } }>(ORDERS, { filter: { search: after.email } })).orders.edges;
    expect(orders).toEqual([]);
    const payments = (await env.adminClient.data<{ paymentLedger: { edges: { node: { kind: string } }[] } }>(LEDGER, { filter: { platformId: web.id, kind: 'CAPTURE' } })).paymentLedger.edges;
    expect(payments.every((p) => p.node.kind === 'CAPTURE')).toBe(true);
    // The same cart can then be paid with another card.
    const retried = (await place(web, cart.id, key())).data!.placeOrder;
    expect(retried.cart.status).toBe('CONVERTED');
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('a card needing action returns nextAction, keeps the hold, and confirmCartPayment places the order', async () => {
    const [variantId] = await createVariants(env, [web], [4100]);
    await receive(env, variantId!, storeId, 2);
    const cart = await readyCart(web, variantId!, 1);
    const k = key();
    const pending = (await place(web, cart.id, k, SANDBOX_CARDS.requiresAction)).data!.placeOrder;
    expect(pending).toMatchObject({ order: null, paymentStatus: 'requires_action' });
    expect(pending.nextAction).toMatchObject({ type: 'confirm' });
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 2, reserved: 1 });
    const confirmed = await web.channel.query<{ confirmCartPayment: PlaceNode }>(CQ.confirm, { cartId: cart.id, key: k });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmCartPayment.order).not.toBeNull();
    expect(confirmed.data!.confirmCartPayment.cart.status).toBe('CONVERTED');
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 1, reserved: 0 });
  });

  it('startCheckout holds stock, names short lines with OUT_OF_STOCK, and a line change releases the hold', async () => {
    const [a, b] = await createVariants(env, [web], [100, 200]);
    await receive(env, a!, storeId, 5);
    await receive(env, b!, storeId, 1);
    const cart = (await web.channel.data<{ createCart: CartNode }>(CQ.create, { input: { lines: [{ variantId: a, quantity: 2 }, { variantId: b, quantity: 2 }] } })).createCart;
    const short = await web.channel.query(CQ.start, { cartId: cart.id });
    expect(errorOf(short)).toMatchObject({ code: 'OUT_OF_STOCK', fields: [{ path: 'lines.1.quantity' }] });
    const fixed = (await web.channel.data<{ updateCartLine: CartNode }>(CQ.update, { cartId: cart.id, lineId: cart.lines[1]!.id, quantity: 1 })).updateCartLine;
    const held = (await web.channel.data<{ startCheckout: CartNode }>(CQ.start, { cartId: fixed.id })).startCheckout;
    expect(held.status).toBe('CHECKING_OUT');
    expect(held.checkout?.reservedUntil).toBeTruthy();
    expect(held.lines.every((l) => l.locationId === storeId)).toBe(true);
    expect(await level(env, a!, storeId)).toMatchObject({ reserved: 2 });
    // Again: a fresh hold, not a second one.
    await web.channel.data(CQ.start, { cartId: fixed.id });
    expect(await level(env, a!, storeId)).toMatchObject({ reserved: 2 });
    const changed = (await web.channel.data<{ updateCartLine: CartNode }>(CQ.update, { cartId: cart.id, lineId: cart.lines[0]!.id, quantity: 3 })).updateCartLine;
    expect(changed.status).toBe('ACTIVE');
    expect(changed.checkout).toBeNull();
    expect(await level(env, a!, storeId)).toMatchObject({ reserved: 0 });
  });

  it('two placeOrder calls with the same key at once give one order and one payment', async () => {
    const [variantId] = await createVariants(env, [web], [777]);
    await receive(env, variantId!, storeId, 3);
    const cart = await readyCart(web, variantId!, 1);
    const [a, b] = await Promise.all([place(web, cart.id, 'twin-key'), place(web, cart.id, 'twin-key')]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.placeOrder.order!.id).toBe(b.data!.placeOrder.order!.id);
    const ledger = (await env.adminClient.data<{ paymentLedger: { edges: { node: { kind: string } }[] } }>(LEDGER, { filter: { orderId: a.data!.placeOrder.order!.id } })).paymentLedger.edges;
    expect(ledger.map((e) => e.node.kind)).toEqual(['CAPTURE']);
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('a signed-in customer owns the cart: attached at creation, hidden from other shoppers', async () => {
    const [variantId] = await createVariants(env, [web], [1200]);
    const customer = await register(web.channel, freshEmail('cart'));
    const cart = (await customer.client.data<{ createCart: CartNode }>(CQ.create, { input: { lines: [{ variantId, quantity: 1 }] } })).createCart;
    expect(cart.customerId).toBe(customer.customerId);
    expect((await customer.client.data<{ cart: CartNode | null }>(CQ.cart, { id: cart.id })).cart?.id).toBe(cart.id);
    expect((await web.channel.data<{ cart: CartNode | null }>(CQ.cart, { id: cart.id })).cart).toBeNull();
    expect(errorOf(await web.channel.query(CQ.contact, { cartId: cart.id, email: 'thief@example.com' })).code).toBe('NOT_FOUND');
  });

  it('100 buyers on two platforms, 10 units: exactly 10 orders, 90 OUT_OF_STOCK, nothing negative, ledger = Σ totals', async () => {
    const [variantId] = await createVariants(env, [web, headless], [1337]);
    await receive(env, variantId!, storeId, 10);
    const shops = [web, headless];
    const carts = await Promise.all(Array.from({ length: 100 }, (_, i) => readyCart(shops[i % 2]!, variantId!, 1)));
    const results = await Promise.all(carts.map((c, i) => place(shops[i % 2]!, c.id, `race-${i}`)));
    const won = results.filter((r) => !r.errors && r.data?.placeOrder.order);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(90);
    for (const r of lost) expect(errorOf(r).code).toBe('OUT_OF_STOCK');
    expect(await level(env, variantId!, storeId)).toMatchObject({ onHand: 0, reserved: 0 });
    const orderIds = new Set(won.map((r) => r.data!.placeOrder.order!.id));
    const totals = won.reduce((s, r) => s + r.data!.placeOrder.order!.total, 0);
    let captured = 0;
    let raceCaptures = 0;
    for (const shop of shops) {
      const edges = (await env.adminClient.data<{ paymentLedger: { edges: { node: { kind: string; amount: number; orderId: string } }[] } }>(LEDGER, { filter: { platformId: shop.id, kind: 'CAPTURE' } })).paymentLedger.edges;
      for (const e of edges) if (orderIds.has(e.node.orderId)) captured += e.node.amount;
      // Every race cart costs the same: no capture of that amount belongs to a buyer who lost.
      raceCaptures += edges.filter((e) => e.node.amount === carts[0]!.total).length;
    }
    expect(raceCaptures).toBe(10);
    expect(captured).toBe(totals);
  }, 120_000);
});
