import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { level } from '../inventory/__tests__/inventory-harness.js';
import { PaymentService } from '../payments/index.js';
import { createList, Q as PQ } from '../pricing/__tests__/pricing-harness.js';
import { createWorld, line, OQ, placement, placeOrder, systemCtx, type OrdersWorld } from './__tests__/orders-harness.js';

type Edited = { id: string; total: number; paidTotal: number; refundedTotal: number; balanceDue: number; paymentStatus: string; lines: { id: string; variantId: string; quantity: number; cancelledQuantity: number; total: number }[] };
type ReportRow = { platformId: string; captured: number; refunded: number; net: number };

describe('orders: edits and the payments report', () => {
  let env: TestEnvironment;
  let world: OrdersWorld;

  beforeAll(async () => {
    env = await createTestEnvironment();
    world = await createWorld(env, 4);
    const list = await createList(env.adminClient);
    await env.adminClient.data(PQ.setPlatformPricing, { platformId: world.a.id, priceListId: list.id, pricesIncludeTax: true });
    await env.adminClient.data(PQ.setPrices, { priceListId: list.id, prices: [{ variantId: world.variants[2], amount: 2000 }] });
  });
  afterAll(async () => env?.close());

  const edit = (orderId: string, input: Record<string, unknown>, key: string) => env.adminClient.query<{ editOrder: Edited }>(OQ.edit, { orderId, input, key });

  it('adds, changes and removes lines: stock follows, totals are recomputed, the difference is refunded once', async () => {
    const [v0, v1, v2] = world.variants;
    const placed = await placeOrder(env, placement(world.a.id, [line(v0!, world.locationId, 2), line(v1!, world.locationId, 1)]), { pay: true });
    expect(placed.total).toBe(3750);
    const lines = (await env.adminClient.data<{ order: { lines: { id: string; variantId: string }[] } }>(OQ.order, { id: placed.id })).order.lines;
    const stock = async () => [await level(env, v0!, world.locationId), await level(env, v1!, world.locationId), await level(env, v2!, world.locationId)].map((l) => l.onHand);
    const before = await stock();
    const input = { change: [{ lineId: lines[0]!.id, quantity: 1 }], remove: [lines[1]!.id], add: [{ variantId: v2, quantity: 1 }] };
    const result = await edit(placed.id, input, `${placed.id}-edit-1`);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const edited = result.data!.editOrder;
    expect(edited).toMatchObject({ total: 1250 + 2000, paidTotal: 3750, refundedTotal: 500, balanceDue: 0, paymentStatus: 'PAID' });
    expect(edited.lines.map((l) => [l.variantId, l.quantity, l.cancelledQuantity])).toEqual([[v0, 1, 0], [v1, 1, 1], [v2, 1, 0]]);
    expect(edited.lines.reduce((s, l) => s + l.total, 0)).toBe(edited.total);
    expect(await stock()).toEqual([before[0]! + 1, before[1]! + 1, before[2]! - 1]);
    // The same key again changes nothing and refunds nothing more.
    const replay = await edit(placed.id, input, `${placed.id}-edit-1`);
    expect(replay.data?.editOrder).toMatchObject({ total: 3250, refundedTotal: 500 });
    expect(await stock()).toEqual([before[0]! + 1, before[1]! + 1, before[2]! - 1]);
    // A higher total leaves a balance due.
    const more = await edit(placed.id, { add: [{ variantId: v2, quantity: 2 }] }, `${placed.id}-edit-2`);
    expect(more.data?.editOrder).toMatchObject({ total: 7250, balanceDue: 4000, paymentStatus: 'PARTIALLY_PAID' });
  });

  it('refuses edits of cancelled orders, unknown lines and unpriced variants', async () => {
    const placed = await placeOrder(env, placement(world.a.id, [line(world.variants[0]!, world.locationId)]));
    const unpriced = await edit(placed.id, { add: [{ variantId: world.variants[3], quantity: 1 }] }, `${placed.id}-bad-1`);
    expect(unpriced.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VARIANT_NOT_AVAILABLE' });
    const unknown = await edit(placed.id, { remove: ['oln_nope'] }, `${placed.id}-bad-2`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORDER_LINE_UNKNOWN' });
    await env.plaza.db('sales_order_line').where('order_id', placed.id).update({ fulfilled_quantity: 1 });
    const lineId = ((await env.plaza.db('sales_order_line').where('order_id', placed.id).first('id')) as { id: string }).id;
    const fulfilled = await edit(placed.id, { change: [{ lineId, quantity: 3 }] }, `${placed.id}-bad-3`);
    expect(fulfilled.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_NOT_EDITABLE' });
    const denied = await env.limitedAdminClient.query(OQ.edit, { orderId: placed.id, input: { remove: [lineId] }, key: `${placed.id}-bad-4` });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the payments report per platform equals Σ paid − refunded of the orders, to the cent', async () => {
    // Fresh platforms so earlier tests' payments do not count.
    const fresh = await createWorld(env, 2);
    const payments = env.plaza.container.resolve(PaymentService);
    const orders: { id: string; platformId: string }[] = [];
    const prices = [1999, 1, 4550, 12345];
    for (const [i, price] of prices.entries()) {
      const platformId = i % 2 === 0 ? fresh.a.id : fresh.b.id;
      const placed = await placeOrder(env, placement(platformId, [line(fresh.variants[i % 2]!, fresh.locationId, 1, price)], { shipping: i === 3 ? 399 : 0 }), { pay: true });
      orders.push({ id: placed.id, platformId });
    }
    // A partial refund through the payments module, and a cancellation (full refund).
    const firstPayment = (await payments.paymentsOf(systemCtx(env), orders[0]!.id))[0]!;
    await payments.refund(systemCtx(env), { paymentId: firstPayment.id, amount: 333, idempotencyKey: `${orders[0]!.id}-partial` });
    await env.adminClient.data(OQ.cancel, { id: orders[3]!.id });
    await env.drainEvents();
    const rows = (await env.plaza.db('sales_order').whereIn('id', orders.map((o) => o.id))) as { platform_id: string; paid_total: string | number; refunded_total: string | number }[];
    const expected = new Map<string, number>();
    for (const r of rows) expected.set(r.platform_id, (expected.get(r.platform_id) ?? 0) + Number(r.paid_total) - Number(r.refunded_total));
    expect(expected.get(fresh.a.id)).toBe(1999 - 333 + 4550);
    expect(expected.get(fresh.b.id)).toBe(1);
    const now = Date.now();
    const report = await env.adminClient.data<{ paymentsReport: ReportRow[] }>(OQ.report, { from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() });
    for (const platformId of [fresh.a.id, fresh.b.id]) {
      const net = report.paymentsReport.filter((r) => r.platformId === platformId).reduce((s, r) => s + r.net, 0);
      expect(net).toBe(expected.get(platformId));
    }
  });
});
