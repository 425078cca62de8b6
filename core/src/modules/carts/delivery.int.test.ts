import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { level } from '../inventory/__tests__/inventory-harness.js';
import { ClockToken } from '../inventory/locations/index.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { errorOf } from '../pricing/__tests__/pricing-harness.js';
import { CQ, createShop, createStore, createVariants, receive, setUpSpain, WEEKDAY_HOURS, type CartNode, type ShopPlatform } from './__tests__/checkout-harness.js';

type Options = {
  ship: unknown[];
  pickup: { locationId: string; name: string; readyAt: string | null; openNow: boolean; nextOpensAt: string | null; queued: number }[];
  orderAhead: { locationId: string; slots: { start: string; end: string; available: number }[] }[];
};
const card = { provider: 'sandbox-card', method: 'card', card: { number: SANDBOX_CARDS.success } };
const SLOTS = `mutation($input: PickupSlotSettingsInput!) { setPickupSlotSettings(input: $input) { enabled } }`;

describe('checkout: pickup and order-ahead delivery', () => {
  let env: TestEnvironment;
  let shop: ShopPlatform;
  let variantId: string;
  let open: string;
  let empty: string;
  let noPickup: string;
  let now = new Date();
  let seq = 0;

  beforeAll(async () => {
    env = await createTestEnvironment();
    await setUpSpain(env);
    shop = await createShop(env);
    [variantId] = (await createVariants(env, [shop], [1050])) as [string];
    open = await createStore(env, [shop], { code: 'open-store', openingHours: WEEKDAY_HOURS, preparationMinutes: 20 });
    empty = await createStore(env, [shop], { code: 'empty-store', openingHours: WEEKDAY_HOURS });
    noPickup = await createStore(env, [shop], { code: 'no-pickup', pickupEnabled: false });
    await receive(env, variantId, open, 10);
    await receive(env, variantId, noPickup, 10);
    env.plaza.container.register(ClockToken, { useValue: { now: () => now } });
  });
  beforeEach(() => {
    now = new Date();
  });
  afterAll(async () => env?.close());

  const cartWith = async (quantity: number) =>
    (await shop.channel.data<{ createCart: CartNode }>(CQ.create, { input: { email: `p${++seq}@example.com`, lines: [{ variantId, quantity }] } })).createCart;
  const options = async (cartId: string) => (await shop.channel.data<{ cart: { deliveryOptions: Options } }>(CQ.options, { id: cartId })).cart.deliveryOptions;

  it('lists only pickup-enabled stores that can serve the whole cart', async () => {
    now = new Date('2026-11-23T10:00:00Z'); // Monday 11:00 in Madrid
    const cart = await cartWith(2);
    const { pickup, ship } = await options(cart.id);
    expect(ship).toEqual([]); // no address yet
    expect(pickup.map((p) => p.locationId)).toEqual([open]);
    expect(pickup[0]).toMatchObject({ openNow: true, queued: 0, readyAt: '2026-11-23T10:20:00.000Z' });
    expect(pickup.map((p) => p.locationId)).not.toContain(empty);
    expect(pickup.map((p) => p.locationId)).not.toContain(noPickup);
    const tooMany = await cartWith(11);
    expect((await options(tooMany.id)).pickup).toEqual([]);
  });

  it('ready-at respects opening hours: on a Sunday, next opening + preparation; near closing, the rest carries over', async () => {
    now = new Date('2026-11-22T12:00:00Z'); // Sunday
    const cart = await cartWith(1);
    let [option] = (await options(cart.id)).pickup;
    expect(option).toMatchObject({ openNow: false, nextOpensAt: '2026-11-23T08:00:00.000Z', readyAt: '2026-11-23T08:20:00.000Z' });
    now = new Date('2026-11-23T19:50:00Z'); // Monday 20:50 in Madrid, closes at 21:00
    [option] = (await options(cart.id)).pickup;
    // 10 minutes before closing, the other 10 on Tuesday from 09:00.
    expect(option!.readyAt).toBe('2026-11-24T08:10:00.000Z');
  });

  it('places a pickup order; the queue pushes the next estimate back by one preparation time', async () => {
    now = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Madrid
    const cart = await cartWith(1);
    const chosen = (await shop.channel.data<{ setCartDelivery: CartNode }>(CQ.delivery, { cartId: cart.id, input: { mode: 'PICKUP', locationId: open } })).setCartDelivery;
    expect(chosen.delivery).toMatchObject({ mode: 'PICKUP', pickupLocation: { id: open }, readyAt: '2026-11-24T09:20:00.000Z' });
    const placed = await shop.channel.query<{ placeOrder: { order: { id: string } | null; cart: { status: string } } }>(CQ.place, { input: { cartId: cart.id, idempotencyKey: `pickup-${seq}`, payment: card } });
    expect(placed.errors).toBeUndefined();
    expect(placed.data!.placeOrder.cart.status).toBe('CONVERTED');
    const next = await cartWith(1);
    const [option] = (await options(next.id)).pickup;
    expect(option).toMatchObject({ queued: 1, readyAt: '2026-11-24T09:40:00.000Z' });
    const wrong = await shop.channel.query(CQ.delivery, { cartId: next.id, input: { mode: 'PICKUP', locationId: noPickup } });
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PICKUP_LOCATION_UNAVAILABLE' });
  });

  it('order ahead: slots with room are offered; the slot is booked at placement and capacity holds', async () => {
    now = new Date('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Madrid
    await env.adminClient.data(SLOTS, { input: { locationId: open, enabled: true, slotMinutes: 30, capacity: 1, leadMinutes: 0, horizonDays: 1 } });
    const first = await cartWith(1);
    const second = await cartWith(1);
    const { orderAhead } = await options(first.id);
    expect(orderAhead.map((o) => o.locationId)).toEqual([open]);
    const slot = orderAhead[0]!.slots[0]!;
    expect(slot.available).toBe(1);
    for (const cart of [first, second]) {
      const set = await shop.channel.data<{ setCartDelivery: CartNode }>(CQ.delivery, { cartId: cart.id, input: { mode: 'ORDER_AHEAD', locationId: open, slotStart: slot.start } });
      expect(set.setCartDelivery.delivery).toMatchObject({ mode: 'ORDER_AHEAD', slotStart: slot.start });
    }
    const before = await level(env, variantId, open);
    const ok = await shop.channel.query<{ placeOrder: { cart: { status: string } } }>(CQ.place, { input: { cartId: first.id, idempotencyKey: `ahead-1-${seq}`, payment: card } });
    expect(ok.errors).toBeUndefined();
    const full = await shop.channel.query(CQ.place, { input: { cartId: second.id, idempotencyKey: `ahead-2-${seq}`, payment: card } });
    expect(errorOf(full)).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_FULL' });
    // The money taken before the slot turned out full was given back (compensation).
    const ledger = (await env.adminClient.data<{ paymentLedger: { edges: { node: { kind: string; amount: number } }[] } }>(
      `query($filter: PaymentLedgerFilter) { paymentLedger(first: 100, filter: $filter) { edges { node { kind amount } } } }`,
      { filter: { platformId: shop.id } },
    )).paymentLedger.edges.map((e) => e.node);
    expect(ledger.filter((t) => t.kind === 'REFUND')).toEqual([{ kind: 'REFUND', amount: second.total }]);
    // The losing buyer's hold is released and the cart is open again; one unit sold.
    expect(await level(env, variantId, open)).toMatchObject({ onHand: before.onHand - 1, reserved: 0 });
    expect((await shop.channel.data<{ cart: CartNode }>(CQ.cart, { id: second.id })).cart.status).toBe('ACTIVE');
    const later = (await options(second.id)).orderAhead;
    expect(later.flatMap((o) => o.slots).map((s) => s.start)).not.toContain(slot.start);
  });
});
