import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, createTestEnvironment, openExtraConnection, type TestEnvironment } from '../../testing/index.js';
import { InventoryService } from '../inventory/index.js';
import { freshEmail, register } from '../customers/__tests__/account-harness.js';
import { level, outboxEvents } from '../inventory/__tests__/inventory-harness.js';
import { OrderPlacementToken } from './index.js';
import { createWorld, line, OQ, placement, placeOrder, systemCtx, type OrdersWorld } from './__tests__/orders-harness.js';

type OrderNode = {
  id: string; number: string; state: string; status: string; paymentStatus: string; total: number; paidTotal: number; pickupCode: string | null; stateLabel: string;
  lines: { id: string; quantity: number; locationId: string; total: number }[]; process: { instanceId: string; state: string; availableTransitions: { name: string }[] } | null;
  platform: { id: string; code: string }; delivery: { mode: string; pickupLocation: { id: string; name: string } | null };
};

describe('orders: placement', () => {
  let env: TestEnvironment;
  let world: OrdersWorld;

  beforeAll(async () => {
    env = await createTestEnvironment();
    world = await createWorld(env);
  });
  afterAll(async () => env?.close());

  const readOrder = async (id: string) => (await env.adminClient.data<{ order: OrderNode | null }>(OQ.order, { id })).order;

  it('writes the order, its lines and number, commits the reserved stock and starts the process', async () => {
    const [v1, v2] = world.variants;
    const before = await level(env, v1!, world.locationId);
    const input = placement(world.a.id, [line(v1!, world.locationId, 2), line(v2!, world.locationId, 1, 999)], { shipping: 495 });
    const placed = await placeOrder(env, input, { pay: true });
    expect(placed).toMatchObject({ id: input.orderId, replayed: false, total: 2 * 1250 + 999 + 495 });
    expect(placed.number).toMatch(/^[A-Z0-9]{1,8}-\d{6}$/);
    expect(placed.accessToken).toMatch(/^pzo_/);
    const order = (await readOrder(placed.id))!;
    expect(order).toMatchObject({ number: placed.number, total: placed.total, paymentStatus: 'PAID', status: 'OPEN', platform: { id: world.a.id } });
    expect(order.lines.map((l) => l.quantity)).toEqual([2, 1]);
    // Paid ship orders move on by themselves (placed → processing) and the order follows.
    expect(order.state).toBe('processing');
    expect(order.process?.state).toBe('processing');
    expect(order.stateLabel).not.toBe('');
    const after = await level(env, v1!, world.locationId);
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(before.reserved);
    const placedEvents = (await outboxEvents<{ orderId: string; number: string }>(env, 'order.placed')).filter((e) => e.orderId === placed.id);
    expect(placedEvents).toHaveLength(1);
  });

  it('writes an order with a constant number of its own statements, whatever the line count', async () => {
    const placer = env.plaza.container.resolve(OrderPlacementToken);
    const inventory = env.plaza.container.resolve(InventoryService);
    const own = async (count: number) => {
      const lines = world.variants.slice(0, count).map((v) => line(v, world.locationId, 1));
      const input = placement(world.a.id, lines, { shipping: 495, paymentStatus: 'paid' });
      const reference = { type: 'cart', id: `cart-${input.orderId}` };
      await inventory.reserve(systemCtx(env), { platformId: world.a.id, lines: lines.map((l) => ({ variantId: l.variantId, locationId: l.locationId, quantity: 1 })), reference });
      const { sql } = await countQueries(env.plaza.db, () => env.plaza.db.transaction((trx) => placer.place({ ...systemCtx(env), db: trx }, { ...input, reservationReference: reference })));
      // The orders module's own statements: replay check, number, order row, lines (one batch).
      return sql.filter((q) => /[`"](sales_order\w*|order_number_sequence)[`"]/.test(q));
    };
    await own(1); // the platform's number sequence exists from here on
    const one = await own(1);
    const three = await own(3);
    expect(one).toHaveLength(4);
    expect(three).toHaveLength(4);
  });

  it('numbers orders per platform with the code as prefix, consecutively, also when placed concurrently', async () => {
    const extra = openExtraConnection(env.database);
    try {
      const placementService = env.plaza.container.resolve(OrderPlacementToken);
      const inputs = [0, 1, 2, 3].map(() => placement(world.b.id, [line(world.variants[0]!, world.locationId)]));
      // PostgreSQL: two connections race on the sequence row. SQLite has one writer: the pool's one connection serialises them.
      const other = env.database.dialect === 'postgres' ? extra : env.plaza.db;
      const dbs = [env.plaza.db, other, env.plaza.db, other];
      const placed = await Promise.all(inputs.map((input, i) => dbs[i]!.transaction((trx) => placementService.place({ ...systemCtx(env, dbs[i]), db: trx }, input))));
      const values = placed.map((p) => Number(p.number.split('-').at(-1))).sort((x, y) => x - y);
      expect(new Set(values).size).toBe(4);
      expect(values[3]! - values[0]!).toBe(3);
      const prefix = `${world.b.code.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8)}-`;
      for (const p of placed) expect(p.number.startsWith(prefix)).toBe(true);
    } finally {
      await extra.destroy();
    }
  });

  it('replays an idempotency key to the same order without writing again', async () => {
    const input = placement(world.a.id, [line(world.variants[1]!, world.locationId)]);
    const first = await placeOrder(env, input);
    const count = async () => Number(((await env.plaza.db('sales_order').count({ n: '*' }).first()) as { n: string | number }).n);
    const before = await count();
    const again = await placeOrder(env, { ...input, orderId: 'ord_other' }, { reserve: false });
    expect(again).toMatchObject({ id: first.id, number: first.number, replayed: true });
    expect(again.accessToken).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('rejects totals that do not add up and writes nothing', async () => {
    const input = placement(world.a.id, [line(world.variants[1]!, world.locationId)]);
    const stock = await level(env, world.variants[1]!, world.locationId);
    const bad = { ...input, total: input.total + 1 };
    await expect(placeOrder(env, bad, { reserve: false })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORDER_TOTALS_MISMATCH' });
    const badTax = { ...input, taxTotal: input.taxTotal - 1 };
    await expect(placeOrder(env, badTax, { reserve: false })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORDER_TOTALS_MISMATCH' });
    expect(await env.plaza.db('sales_order').where('id', input.orderId).first()).toBeUndefined();
    expect(await level(env, world.variants[1]!, world.locationId)).toMatchObject({ onHand: stock.onHand });
  });

  it('gives pickup orders a 6-character code and lists, filters and finds orders by number', async () => {
    const input = placement(world.a.id, [line(world.variants[2]!, world.locationId)], { mode: 'pickup' });
    const placed = await placeOrder(env, input);
    const order = (await readOrder(placed.id))!;
    expect(order.pickupCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/);
    expect(order.delivery).toMatchObject({ mode: 'PICKUP', pickupLocation: { id: world.locationId } });
    expect(order.state).toBe('placed');
    const listed = await env.adminClient.data<{ orders: { edges: { node: { id: string } }[] } }>(OQ.orders, { first: 50, filter: { platformId: world.a.id, mode: 'PICKUP' } });
    expect(listed.orders.edges.map((e) => e.node.id)).toEqual([placed.id]);
    const page1 = await env.adminClient.data<{ orders: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(OQ.orders, { first: 1, filter: { platformId: world.a.id } });
    expect(page1.orders.edges[0]!.node.id).toBe(placed.id);
    expect(page1.orders.pageInfo.hasNextPage).toBe(true);
    const page2 = await env.adminClient.data<{ orders: { edges: { node: { id: string } }[] } }>(OQ.orders, { first: 50, after: page1.orders.pageInfo.endCursor, filter: { platformId: world.a.id } });
    expect(page2.orders.edges.map((e) => e.node.id)).not.toContain(placed.id);
    expect(page2.orders.edges.length).toBeGreaterThan(0);
    const bySearch = await env.adminClient.data<{ orders: { edges: { node: { id: string } }[] } }>(OQ.orders, { first: 100, filter: { search: 'BUYER@example', locationId: world.locationId } });
    expect(bySearch.orders.edges.map((e) => e.node.id)).toContain(placed.id);
    const noMatch = await env.adminClient.data<{ orders: { edges: unknown[] } }>(OQ.orders, { first: 100, filter: { search: 'nobody@', platformId: world.a.id } });
    expect(noMatch.orders.edges).toEqual([]);
    const found = await env.adminClient.data<{ orderByNumber: { id: string } | null }>(OQ.byNumber, { platformId: world.a.id, number: order.number.toLowerCase() });
    expect(found.orderByNumber?.id).toBe(placed.id);
    const denied = await env.limitedAdminClient.query(OQ.order, { id: placed.id });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sets the number prefix (validated) for later orders', async () => {
    const bad = await env.adminClient.query(OQ.prefix, { platformId: world.b.id, prefix: 'no spaces!' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PREFIX_INVALID' });
    await env.adminClient.data(OQ.prefix, { platformId: world.b.id, prefix: 'POS-B-' });
    const placed = await placeOrder(env, placement(world.b.id, [line(world.variants[0]!, world.locationId)]));
    expect(placed.number).toMatch(/^POS-B-\d{6}$/);
  });

  it('queues the order.confirmed message once and records the purchase on the timeline', async () => {
    const { customerId } = await register(env.channelClient(world.a.key), freshEmail('timeline'));
    const input = placement(world.a.id, [line(world.variants[0]!, world.locationId)], { customerId, email: 'confirm@example.test' });
    const placed = await placeOrder(env, input, { pay: true });
    await env.drainEvents();
    await env.drainEvents();
    const messages = (await env.plaza.db('notification_message').where({ template: 'order.confirmed' })) as { recipient: string | null; event_id: string }[];
    const ours = messages.filter((m) => (m.recipient ?? '').includes('confirm@example.test'));
    expect(ours).toHaveLength(1);
    const me = await env.adminClient.data<{ customer: { timeline: { edges: { node: { kind: string; summary: string } }[] }; figures: { ordersCount: number; spend: { currency: string; amount: number }[] } } }>(
      `query($id: ID!) { customer(id: $id) { timeline(first: 50) { edges { node { kind summary } } } figures { ordersCount spend { currency amount } } } }`,
      { id: customerId },
    );
    const entries = me.customer.timeline.edges.map((e) => e.node).filter((n) => n.kind === 'order.placed');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toContain(placed.number);
    expect(me.customer.figures).toMatchObject({ ordersCount: 1, spend: [{ currency: 'EUR', amount: placed.total }] });
  });
});
