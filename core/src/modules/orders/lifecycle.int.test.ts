import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { freshEmail, login, register } from '../customers/__tests__/account-harness.js';
import { createCustomer } from '../customers/__tests__/customer-admin-harness.js';
import { level, outboxEvents } from '../inventory/__tests__/inventory-harness.js';
import { createLocation, createWorld, line, linkLocations, OQ, placement, placeOrder, receive, type OrdersWorld } from './__tests__/orders-harness.js';

type Cancelled = { id: string; state: string; status: string; paymentStatus: string; paidTotal: number; refundedTotal: number; lines: { quantity: number; cancelledQuantity: number }[] };

describe('orders: customers, cancelling, payments, process', () => {
  let env: TestEnvironment;
  let world: OrdersWorld;

  beforeAll(async () => {
    env = await createTestEnvironment();
    world = await createWorld(env);
  });
  afterAll(async () => env?.close());

  it('shows a signed-in customer the orders of every platform, and a guest their order with the access token', async () => {
    const email = freshEmail('orders');
    const onA = await register(env.channelClient(world.a.key), email);
    const placedOnA = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId)], { customerId: onA.customerId, email }));
    const onB = await login(env.channelClient(world.b.key), email);
    expect(onB.customerId).toBe(onA.customerId);
    const mine = await onB.client.data<{ me: { orders: { edges: { node: { id: string; platformId: string; platform: { code: string } } }[] } } }>(OQ.myOrders);
    expect(mine.me.orders.edges.map((e) => e.node.id)).toEqual([placedOnA.id]);
    expect(mine.me.orders.edges[0]!.node.platform.code).toBe(world.a.code);
    const own = await onB.client.data<{ order: { id: string } | null }>(OQ.channelOrder, { id: placedOnA.id });
    expect(own.order?.id).toBe(placedOnA.id);

    const guest = await placeOrder(env, placement(world.a.id, [line(world.variants[1]!, world.locationId)], { mode: 'pickup' }));
    const channel = env.channelClient(world.a.key);
    expect((await channel.data<{ order: unknown }>(OQ.channelOrder, { id: guest.id })).order).toBeNull();
    expect((await channel.data<{ order: unknown }>(OQ.channelOrder, { id: guest.id, accessToken: 'pzo_wrong' })).order).toBeNull();
    const withToken = await channel.data<{ order: { id: string; pickupCode: string } | null }>(OQ.channelOrder, { id: guest.id, accessToken: guest.accessToken });
    expect(withToken.order?.id).toBe(guest.id);
    expect(withToken.order?.pickupCode).toMatch(/^[A-Z2-9]{6}$/);
    // Someone else's order is not visible to another signed-in customer.
    expect((await onB.client.data<{ order: unknown }>(OQ.channelOrder, { id: guest.id })).order).toBeNull();
    const stored = (await env.plaza.db('sales_order').where('id', guest.id).first('access_token_hash')) as { access_token_hash: string };
    expect(stored.access_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.access_token_hash).not.toContain(guest.accessToken!);
  });

  it('cancels: restocks every unfulfilled unit at its line location, refunds the captured payment, publishes order.cancelled', async () => {
    const [v1, v2] = world.variants;
    // The second line comes from another store: its units must go back there, not to the first.
    const warehouse = await createLocation(env, { code: `ord-wh-${Date.now().toString(36)}` });
    await linkLocations(env, world.a.id, [{ locationId: world.locationId }, { locationId: warehouse }]);
    await receive(env, v2!, warehouse, 10);
    const before = [await level(env, v1!, world.locationId), await level(env, v2!, warehouse), await level(env, v2!, world.locationId)];
    const placed = await placeOrder(env, placement(world.a.id, [line(v1!, world.locationId, 3), line(v2!, warehouse, 1)]), { pay: true });
    expect((await level(env, v2!, warehouse)).onHand).toBe(before[1]!.onHand - 1);
    expect((await level(env, v1!, world.locationId)).onHand).toBe(before[0]!.onHand - 3);
    const { cancelOrder } = await env.adminClient.data<{ cancelOrder: Cancelled }>(OQ.cancel, { id: placed.id, reason: 'Customer called' });
    expect(cancelOrder).toMatchObject({ state: 'cancelled', status: 'CANCELLED', paymentStatus: 'REFUNDED', paidTotal: placed.total, refundedTotal: placed.total });
    expect(cancelOrder.lines).toEqual([{ quantity: 3, cancelledQuantity: 3 }, { quantity: 1, cancelledQuantity: 1 }]);
    expect((await level(env, v1!, world.locationId)).onHand).toBe(before[0]!.onHand);
    expect((await level(env, v2!, warehouse)).onHand).toBe(before[1]!.onHand);
    expect((await level(env, v2!, world.locationId)).onHand).toBe(before[2]!.onHand);
    const refunds = (await env.plaza.db('payment_transaction').where({ order_id: placed.id, kind: 'refund', status: 'succeeded' })) as { amount: string | number; idempotency_key: string }[];
    expect(refunds.map((r) => Number(r.amount))).toEqual([placed.total]);
    expect(refunds[0]!.idempotency_key).toMatch(new RegExp(`^${placed.id}:cancel:pay_`));
    const events = (await outboxEvents<{ orderId: string; refunded: number }>(env, 'order.cancelled')).filter((e) => e.orderId === placed.id);
    expect(events).toEqual([expect.objectContaining({ refunded: placed.total })]);
    const again = await env.adminClient.query(OQ.cancel, { id: placed.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_ALREADY_CANCELLED' });
  });

  it('lets a customer cancel their own pickup order while the process allows it, but not a ship order', async () => {
    const email = freshEmail('cancel');
    const me = await register(env.channelClient(world.a.key), email);
    const pickup = await placeOrder(env, placement(world.a.id, [line(world.variants[2]!, world.locationId)], { mode: 'pickup', customerId: me.customerId, email }));
    const ship = await placeOrder(env, placement(world.a.id, [line(world.variants[2]!, world.locationId)], { customerId: me.customerId, email }));
    const denied = await me.client.query(OQ.cancelMine, { id: ship.id });
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_NOT_CANCELLABLE' });
    const stranger = await register(env.channelClient(world.a.key), freshEmail('stranger'));
    const notYours = await stranger.client.query(OQ.cancelMine, { id: pickup.id });
    expect(notYours.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const done = await me.client.data<{ cancelMyOrder: { state: string; status: string } }>(OQ.cancelMine, { id: pickup.id });
    expect(done.cancelMyOrder).toEqual({ id: pickup.id, state: 'cancelled', status: 'CANCELLED' });
  });

  it('takes split tenders (cash + card): the order becomes paid and its process moves on', async () => {
    const placed = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId, 2)]));
    const cash = await env.adminClient.data<{ addOrderPayment: { order: { paymentStatus: string; paidTotal: number; balanceDue: number; state: string } } }>(OQ.addPayment, {
      orderId: placed.id, input: { provider: 'manual', method: 'CASH', amount: 1000, idempotencyKey: `${placed.id}-cash` },
    });
    expect(cash.addOrderPayment.order).toMatchObject({ paymentStatus: 'PARTIALLY_PAID', paidTotal: 1000, balanceDue: placed.total - 1000, state: 'placed' });
    const card = await env.adminClient.data<{ addOrderPayment: { order: { paymentStatus: string; paidTotal: number; balanceDue: number; state: string } } }>(OQ.addPayment, {
      orderId: placed.id, input: { provider: 'sandbox-card', method: 'CARD', amount: placed.total - 1000, card: { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' }, idempotencyKey: `${placed.id}-card` },
    });
    expect(card.addOrderPayment.order).toMatchObject({ paymentStatus: 'PAID', paidTotal: placed.total, balanceDue: 0, state: 'processing' });
    // A refund through the payments API: the order follows once the ledger event is delivered.
    const paymentId = ((await env.plaza.db('payment').where({ order_id: placed.id, method: 'cash' }).first('id')) as { id: string }).id;
    await env.adminClient.data(`mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { id } } }`, { input: { paymentId, amount: 400, idempotencyKey: `${placed.id}-refund` } });
    await env.drainEvents();
    const order = (await env.adminClient.data<{ order: { paymentStatus: string; refundedTotal: number; balanceDue: number } }>(OQ.order, { id: placed.id })).order;
    expect(order).toMatchObject({ paymentStatus: 'PARTIALLY_REFUNDED', refundedTotal: 400, balanceDue: 400 });
  });

  it('takes process transitions for staff and keeps the order state in step', async () => {
    const placed = await placeOrder(env, placement(world.a.id, [line(world.variants[1]!, world.locationId)], { mode: 'pickup' }), { pay: true });
    const moved = await env.adminClient.data<{ transitionOrder: { state: string; status: string } }>(OQ.transition, { id: placed.id, transition: 'mark_ready' });
    expect(moved.transitionOrder).toMatchObject({ state: 'ready_for_pickup', status: 'OPEN' });
    const collected = await env.adminClient.data<{ transitionOrder: { state: string; status: string } }>(OQ.transition, { id: placed.id, transition: 'collect' });
    expect(collected.transitionOrder).toMatchObject({ state: 'collected', status: 'COMPLETED' });
    const filtered = await env.adminClient.data<{ orders: { edges: { node: { id: string } }[] } }>(OQ.orders, { first: 50, filter: { state: 'collected' } });
    expect(filtered.orders.edges.map((e) => e.node.id)).toContain(placed.id);
    const readonly = await env.signIn({ roles: [{ permissions: ['orders.read'] }] });
    const seen = await readonly.data<{ order: { state: string; stateLabel: string; process: { availableTransitions: unknown[] } } }>(`query($id: ID!) { order(id: $id) { state stateLabel process { availableTransitions { name } } } }`, { id: placed.id });
    expect(seen.order).toEqual({ state: 'collected', stateLabel: 'Collected', process: { availableTransitions: [] } });
    const denied = await readonly.query(OQ.transition, { id: placed.id, transition: 'collect' });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('declines an order-ahead order that is not accepted yet (reject) and voids a POS sale (void)', async () => {
    const ahead = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId)], { mode: 'order_ahead' }));
    const declined = await env.adminClient.data<{ cancelOrder: Cancelled }>(OQ.cancel, { id: ahead.id, reason: 'Kitchen closed' });
    expect(declined.cancelOrder).toMatchObject({ state: 'rejected', status: 'CANCELLED' });
    const pos = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId)], { mode: 'carry_out' }));
    const voided = await env.adminClient.data<{ cancelOrder: Cancelled }>(OQ.cancel, { id: pos.id });
    expect(voided.cancelOrder).toMatchObject({ state: 'voided', status: 'CANCELLED' });
  });

  it('clears personal columns on erasure but keeps the order and its amounts', async () => {
    const customer = await createCustomer(env.adminClient, { firstName: 'Erase' });
    const placed = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId)], { customerId: customer.id, email: 'erase-me@example.test', phone: '+34600000000', note: 'Ring twice' }));
    await env.adminClient.data(`mutation($id: ID!, $reason: String!) { eraseCustomer(id: $id, reason: $reason) { id } }`, { id: customer.id, reason: 'Customer request' });
    const row = (await env.plaza.db('sales_order').where('id', placed.id).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ email: null, phone: null, note: null, number: placed.number });
    expect(JSON.stringify(row.shipping_address)).not.toContain('Gran V');
    expect(Number(row.total)).toBe(placed.total);
  });

  it('repoints orders when two customers merge', async () => {
    const first = { customerId: (await createCustomer(env.adminClient, { firstName: 'Survivor' })).id };
    const second = { customerId: (await createCustomer(env.adminClient, { firstName: 'Merged' })).id };
    const placed = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId)], { customerId: second.customerId }));
    const merge = await env.adminClient.query(`mutation($survivorId: ID!, $mergedId: ID!) { mergeCustomers(survivorId: $survivorId, mergedId: $mergedId) { __typename } }`, { survivorId: first.customerId, mergedId: second.customerId });
    if (merge.errors) throw new Error(JSON.stringify(merge.errors));
    const row = (await env.plaza.db('sales_order').where('id', placed.id).first('customer_id')) as { customer_id: string };
    expect(row.customer_id).toBe(first.customerId);
  });
});
