import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { messages, outboxFiles, readableEml, settle } from '../notifications/__tests__/notification-harness.js';
import { createList, Q as PQ } from '../pricing/__tests__/pricing-harness.js';
import { ProcessService } from '../processes/index.js';
import { createShop, errorOf, FQ, placeOrder, readOrder, type FulfillmentNode, type Shop } from './__tests__/fulfillment-harness.js';
import { FulfillmentTables } from './fulfillment.migrations.js';

let env: TestEnvironment;
let shop: Shop;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'plaza-fulfillment-'));
  env = await createTestEnvironment({ config: { dataDir } });
  shop = await createShop(env);
  // A price for the second variant, so order edits can add it.
  const list = await createList(env.adminClient);
  await env.adminClient.data(PQ.setPlatformPricing, { platformId: shop.platformId, priceListId: list.id, pricesIncludeTax: true });
  await env.adminClient.data(PQ.setPrices, { priceListId: list.id, prices: [{ variantId: shop.variants[1], amount: 2000 }] });
});
afterAll(async () => {
  await env?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const orderState = async (instanceId: string) => (await env.plaza.container.resolve(ProcessService).get(env.plaza.systemCtx(), instanceId)).state;
const pickupCodeOf = async (orderId: string) => ((await env.plaza.db('sales_order').where('id', orderId).first('pickup_code')) as { pickup_code: string }).pickup_code;

describe('click & collect', () => {
  it('runs end to end: fulfillment at the store → ready (code + QR mailed) → wrong code refused → collected with the QR content', async () => {
    const [v1] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'pickup', pickupLocationId: shop.storeA, lines: [{ variantId: v1, locationId: shop.storeA, quantity: 2 }] });
    let order = await readOrder(env.adminClient, placed.id);
    expect(order.fulfillments).toHaveLength(1);
    const [ful] = order.fulfillments as [FulfillmentNode];
    expect(ful).toMatchObject({ mode: 'PICKUP', state: 'pending', status: 'OPEN', locationId: shop.storeA, lines: [{ orderLineId: order.lines[0]!.id, quantity: 2 }] });

    const ready = await env.adminClient.data<{ markReadyForPickup: { state: string } }>(FQ.ready, { id: ful.id });
    expect(ready.markReadyForPickup.state).toBe('packed');
    expect(await orderState(placed.processInstanceId)).toBe('ready_for_pickup');
    const code = await pickupCodeOf(placed.id);

    // The customer's message carries the code and the QR image.
    await settle(env);
    const [message] = await messages(env.adminClient, { customerId: shop.customerId, template: 'order.ready_for_pickup' });
    expect(message).toMatchObject({ status: 'SENT', channel: 'email' });
    const eml = readableEml((await outboxFiles(path.join(dataDir, 'outbox'))).get(message!.id)!);
    expect(eml).toContain(code);
    expect(eml).toContain(order.number);
    expect(eml).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/);

    // The associate scans the QR: it finds the order at the store, not at another.
    const qr = `${order.number}:${code}`;
    const found = await env.adminClient.data<{ findOrderByPickupCode: { orderId: string; fulfillments: { id: string }[] } | null }>(FQ.find, { locationId: shop.storeA, code: qr });
    expect(found.findOrderByPickupCode).toMatchObject({ orderId: placed.id, fulfillments: [{ id: ful.id }] });
    const bare = await env.adminClient.data<{ findOrderByPickupCode: { orderId: string } | null }>(FQ.find, { locationId: shop.storeA, code: code.toLowerCase() });
    expect(bare.findOrderByPickupCode?.orderId).toBe(placed.id);
    expect((await env.adminClient.data<{ findOrderByPickupCode: unknown }>(FQ.find, { locationId: shop.storeB, code: qr })).findOrderByPickupCode).toBeNull();

    const wrong = await errorOf(env.adminClient, FQ.collect, { orderId: placed.id, code: code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' });
    expect(wrong).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PICKUP_CODE_INVALID', fields: [{ path: 'code' }] });
    expect(await orderState(placed.processInstanceId)).toBe('ready_for_pickup');

    const collected = await env.adminClient.data<{ collectPickup: { id: string; state: string; status: string; collectedByStaffId: string | null }[] }>(FQ.collect, { orderId: placed.id, code: qr.toLowerCase() });
    expect(collected.collectPickup).toEqual([expect.objectContaining({ id: ful.id, state: 'delivered', status: 'DONE' })]);
    expect(collected.collectPickup[0]!.collectedByStaffId).toBeTruthy();
    expect(await orderState(placed.processInstanceId)).toBe('collected');
    order = await readOrder(env.adminClient, placed.id);
    expect(order.state).toBe('collected');
    expect(order.lines.map((l) => l.fulfilledQuantity)).toEqual([2]);
  });

  it('a split pickup is ready for the customer only once every part is packed', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'pickup', pickupLocationId: shop.storeA, lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }, { variantId: v2, locationId: shop.storeA, quantity: 1 }] });
    const order = await readOrder(env.adminClient, placed.id);
    const [whole] = order.fulfillments as [FulfillmentNode];
    const lineV2 = order.lines.find((l) => l.variantId === v2)!;
    const { splitFulfillment: part } = await env.adminClient.data<{ splitFulfillment: FulfillmentNode }>(FQ.split, { id: whole.id, lines: [{ orderLineId: lineV2.id, quantity: 1 }] });
    await env.adminClient.data(FQ.ready, { id: whole.id });
    expect(await orderState(placed.processInstanceId)).toBe('placed');
    // Packing through the generic mutation counts too.
    await env.adminClient.data(FQ.pack, { id: part.id });
    expect(await orderState(placed.processInstanceId)).toBe('ready_for_pickup');
    const collected = await env.adminClient.data<{ collectPickup: { state: string }[] }>(FQ.collect, { orderId: placed.id, code: await pickupCodeOf(placed.id) });
    expect(collected.collectPickup.map((f) => f.state)).toEqual(['delivered', 'delivered']);
    expect(await orderState(placed.processInstanceId)).toBe('collected');
  });

  it('shows the owner the pickup QR of their order on the channel API', async () => {
    const [v1] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'pickup', pickupLocationId: shop.storeA, lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }] });
    const { order } = await shop.customer.data<{ order: { pickupCode: string; pickupQr: string } }>(`query($id: ID!) { order(id: $id) { pickupCode pickupQr } }`, { id: placed.id });
    expect(order.pickupCode).toBe(await pickupCodeOf(placed.id));
    expect(order.pickupQr).toMatch(/^data:image\/png;base64,/);
  });

  it('locks an order for 15 minutes after five wrong codes, even for the right one', async () => {
    const [, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'pickup', pickupLocationId: shop.storeA, lines: [{ variantId: v2, locationId: shop.storeA, quantity: 1 }] });
    const [ful] = (await readOrder(env.adminClient, placed.id)).fulfillments as [FulfillmentNode];
    await env.adminClient.data(FQ.ready, { id: ful.id });
    const code = await pickupCodeOf(placed.id);
    const bad = code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    for (let i = 0; i < 5; i++) expect((await errorOf(env.adminClient, FQ.collect, { fulfillmentId: ful.id, code: bad })).reason).toBe('PICKUP_CODE_INVALID');
    expect(await errorOf(env.adminClient, FQ.collect, { fulfillmentId: ful.id, code })).toMatchObject({ code: 'CONFLICT', reason: 'PICKUP_CODE_LOCKED' });
    // Fifteen minutes later the right code works again.
    await env.plaza.db(FulfillmentTables.pickupAttempt).where('order_id', placed.id).update({ locked_until: Date.now() - 1 });
    const ok = await env.adminClient.data<{ collectPickup: { state: string }[] }>(FQ.collect, { fulfillmentId: ful.id, code });
    expect(ok.collectPickup[0]!.state).toBe('delivered');
  });
});

describe('shipping', () => {
  it('partial fulfillment: split, ship one part with tracking (order not shipped yet), ship the rest → order shipped, then delivered', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 2 }, { variantId: v2, locationId: shop.storeA, quantity: 1 }] });
    let order = await readOrder(env.adminClient, placed.id);
    expect(await orderState(placed.processInstanceId)).toBe('processing');
    const [first] = order.fulfillments as [FulfillmentNode];
    expect(first).toMatchObject({ mode: 'SHIP', state: 'pending' });
    const lineV2 = order.lines.find((l) => l.variantId === v2)!;
    const lineV1 = order.lines.find((l) => l.variantId === v1)!;

    const everything = await errorOf(env.adminClient, FQ.split, { id: first.id, lines: [{ orderLineId: lineV1.id, quantity: 2 }, { orderLineId: lineV2.id, quantity: 1 }] });
    expect(everything.reason).toBe('SPLIT_EVERYTHING');
    const tooMany = await errorOf(env.adminClient, FQ.split, { id: first.id, lines: [{ orderLineId: lineV1.id, quantity: 3 }] });
    expect(tooMany).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUANTITY_TOO_LARGE', fields: [{ path: 'lines.0.quantity' }] });

    const { splitFulfillment: second } = await env.adminClient.data<{ splitFulfillment: FulfillmentNode }>(FQ.split, { id: first.id, lines: [{ orderLineId: lineV2.id, quantity: 1 }] });
    expect(second).toMatchObject({ state: 'pending', locationId: shop.storeA, lines: [{ orderLineId: lineV2.id, quantity: 1 }] });
    order = await readOrder(env.adminClient, placed.id);
    expect(order.fulfillments.find((f) => f.id === first.id)!.lines).toEqual([{ orderLineId: lineV1.id, quantity: 2 }]);

    // Shipping needs it packed first, and a tracking number.
    expect((await errorOf(env.adminClient, FQ.ship, { id: first.id, input: { trackingNumber: 'TRK-1' } })).reason).toBe('TRANSITION_NOT_AVAILABLE');
    await env.adminClient.data(FQ.pack, { id: first.id });
    expect((await errorOf(env.adminClient, FQ.ship, { id: first.id, input: { trackingNumber: '  ' } })).code).toBe('BAD_USER_INPUT');
    const shipped = await env.adminClient.data<{ shipFulfillment: { state: string; trackingNumber: string } }>(FQ.ship, { id: first.id, input: { carrier: 'Correos', trackingNumber: 'TRK-1', trackingUrl: 'https://track.example.test/TRK-1' } });
    expect(shipped.shipFulfillment).toMatchObject({ state: 'shipped', trackingNumber: 'TRK-1' });
    expect(await orderState(placed.processInstanceId)).toBe('processing');
    order = await readOrder(env.adminClient, placed.id);
    expect(Object.fromEntries(order.lines.map((l) => [l.variantId, l.fulfilledQuantity]))).toEqual({ [v1]: 2, [v2]: 0 });

    await env.adminClient.data(FQ.pack, { id: second.id });
    await env.adminClient.data(FQ.ship, { id: second.id, input: { trackingNumber: 'TRK-2', trackingUrl: 'https://track.example.test/TRK-2' } });
    expect(await orderState(placed.processInstanceId)).toBe('shipped');
    const instance = await env.plaza.container.resolve(ProcessService).get(env.plaza.systemCtx(), placed.processInstanceId);
    expect(instance.data).toMatchObject({ trackingNumber: 'TRK-2', trackingUrl: 'https://track.example.test/TRK-2' });
    order = await readOrder(env.adminClient, placed.id);
    expect(order.state).toBe('shipped');
    expect(order.lines.map((l) => l.fulfilledQuantity).sort()).toEqual([1, 2]);

    await env.adminClient.data(FQ.deliver, { id: first.id });
    expect(await orderState(placed.processInstanceId)).toBe('shipped');
    const delivered = await env.adminClient.data<{ deliverFulfillment: { state: string; status: string } }>(FQ.deliver, { id: second.id });
    expect(delivered.deliverFulfillment).toMatchObject({ state: 'delivered', status: 'DONE' });
    expect(await orderState(placed.processInstanceId)).toBe('delivered');
  });

  it('one fulfillment per source location; a cancelled one leaves its quantities unassigned for createFulfillment', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }, { variantId: v2, locationId: shop.storeB, quantity: 3 }] });
    let order = await readOrder(env.adminClient, placed.id);
    expect(order.fulfillments.map((f) => f.locationId).sort()).toEqual([shop.storeA, shop.storeB].sort());
    const atB = order.fulfillments.find((f) => f.locationId === shop.storeB)!;
    const lineB = order.lines.find((l) => l.locationId === shop.storeB)!;
    const levelBefore = await env.plaza.db('inventory_level').where({ variant_id: v2, location_id: shop.storeB }).first('on_hand', 'reserved');

    // Nothing is unassigned while the fulfillment holds the quantities.
    expect((await errorOf(env.adminClient, FQ.create, { orderId: placed.id, input: { locationId: shop.storeB, lines: [{ orderLineId: lineB.id, quantity: 1 }] } })).reason).toBe('QUANTITY_NOT_UNASSIGNED');
    const cancelled = await env.adminClient.data<{ cancelFulfillment: { state: string; status: string; cancelReason: string } }>(FQ.cancel, { id: atB.id, reason: 'damaged in the stockroom' });
    expect(cancelled.cancelFulfillment).toMatchObject({ state: 'cancelled', status: 'CANCELLED', cancelReason: 'damaged in the stockroom' });
    // No restock: the order still wants the goods.
    expect(await env.plaza.db('inventory_level').where({ variant_id: v2, location_id: shop.storeB }).first('on_hand', 'reserved')).toEqual(levelBefore);

    const elsewhere = await errorOf(env.adminClient, FQ.create, { orderId: placed.id, input: { locationId: shop.storeA, lines: [{ orderLineId: lineB.id, quantity: 3 }] } });
    expect(elsewhere).toMatchObject({ code: 'CONFLICT', reason: 'LOCATION_MISMATCH' });
    const tooMany = await errorOf(env.adminClient, FQ.create, { orderId: placed.id, input: { locationId: shop.storeB, lines: [{ orderLineId: lineB.id, quantity: 4 }] } });
    expect(tooMany).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUANTITY_NOT_UNASSIGNED', fields: [{ path: 'input.lines.0.quantity' }] });
    const created = await env.adminClient.data<{ createFulfillment: FulfillmentNode }>(FQ.create, { orderId: placed.id, input: { locationId: shop.storeB, lines: [{ orderLineId: lineB.id, quantity: 3 }] } });
    expect(created.createFulfillment).toMatchObject({ state: 'pending', mode: 'SHIP', locationId: shop.storeB, lines: [{ orderLineId: lineB.id, quantity: 3 }] });
    order = await readOrder(env.adminClient, placed.id);
    expect(order.fulfillments.map((f) => f.status).sort()).toEqual(['CANCELLED', 'OPEN', 'OPEN']);
  });

  it('writes the fulfillments of an order in two batched inserts at placement, whatever their number', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const { result: placed, sql } = await countQueries(env.plaza.db, () =>
      placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }, { variantId: v2, locationId: shop.storeB, quantity: 2 }, { variantId: v2, locationId: shop.storeA, quantity: 1 }] }),
    );
    expect(sql.filter((q) => /insert into [`"]fulfillment(_line)?[`"]/i.test(q))).toHaveLength(2);
    expect(sql.filter((q) => /from [`"]fulfillment/i.test(q) || /update [`"]fulfillment/i.test(q))).toEqual([]);
    const order = await readOrder(env.adminClient, placed.id);
    expect(order.fulfillments.map((f) => [f.locationId, f.lines.length]).sort()).toEqual([[shop.storeA, 2], [shop.storeB, 1]].sort());
  });

  it('creates no fulfillment for a carry-out sale', async () => {
    const [v1] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'carry_out', pickupLocationId: shop.storeA, lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }] });
    expect((await readOrder(env.adminClient, placed.id)).fulfillments).toEqual([]);
  });
});

describe('location scope', () => {
  it('a store associate sees and handles only their store’s fulfillments', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }, { variantId: v2, locationId: shop.storeB, quantity: 1 }] });
    const order = await readOrder(env.adminClient, placed.id);
    const atA = order.fulfillments.find((f) => f.locationId === shop.storeA)!;
    const atB = order.fulfillments.find((f) => f.locationId === shop.storeB)!;
    const associate = await env.signIn({ roles: [{ permissions: ['fulfillment.read', 'fulfillment.manage', 'processes.transition', 'orders.read'], locationIds: [shop.storeA] }] });

    const list = await associate.data<{ fulfillments: { edges: { node: { id: string; locationId: string } }[] } }>(FQ.list, { first: 100, filter: { orderId: placed.id } });
    expect(list.fulfillments.edges.map((e) => e.node.id)).toEqual([atA.id]);
    expect((await errorOf(associate, FQ.one, { id: atB.id })).code).toBe('FORBIDDEN');
    expect(await errorOf(associate, FQ.pack, { id: atB.id })).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect((await associate.data<{ packFulfillment: { state: string } }>(FQ.pack, { id: atA.id })).packFulfillment.state).toBe('packed');
    expect((await errorOf(env.limitedAdminClient, FQ.list, { first: 10 })).code).toBe('FORBIDDEN');
    // The pick list is oldest first and pages.
    const page = await env.adminClient.data<{ fulfillments: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(FQ.list, { first: 1, filter: { locationId: shop.storeB } });
    const next = await env.adminClient.data<{ fulfillments: { edges: { node: { id: string } }[] } }>(FQ.list, { first: 1, after: page.fulfillments.pageInfo.endCursor, filter: { locationId: shop.storeB } });
    expect(page.fulfillments.pageInfo.hasNextPage).toBe(true);
    expect(next.fulfillments.edges[0]!.node.id > page.fulfillments.edges[0]!.node.id).toBe(true);
  });
});

describe('following the order and the process', () => {
  it('cancelling the order cancels its open fulfillments', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }, { variantId: v2, locationId: shop.storeB, quantity: 1 }] });
    const before = await readOrder(env.adminClient, placed.id);
    await env.adminClient.data(FQ.pack, { id: before.fulfillments[0]!.id });
    await env.adminClient.data(`mutation($id: ID!) { cancelOrder(id: $id, reason: "customer changed their mind") { id } }`, { id: placed.id });
    const after = await readOrder(env.adminClient, placed.id);
    expect(after.fulfillments.map((f) => [f.state, f.status])).toEqual([
      ['cancelled', 'CANCELLED'],
      ['cancelled', 'CANCELLED'],
    ]);
  });

  it('follows an order edit: reduced and removed quantities leave the open fulfillments (an emptied one is cancelled); an added line gets one', async () => {
    const [v1, v2] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 2 }, { variantId: v2, locationId: shop.storeB, quantity: 1 }] });
    const before = await readOrder(env.adminClient, placed.id);
    const lineA = before.lines.find((l) => l.locationId === shop.storeA)!;
    const lineB = before.lines.find((l) => l.locationId === shop.storeB)!;
    await env.adminClient.data(`mutation($orderId: ID!, $input: EditOrderInput!, $key: String!) { editOrder(orderId: $orderId, input: $input, idempotencyKey: $key) { id } }`, {
      orderId: placed.id,
      input: { change: [{ lineId: lineA.id, quantity: 1 }], remove: [lineB.id], add: [{ variantId: v2, quantity: 2, locationId: shop.storeA }] },
      key: `edit-${placed.id}`,
    });
    await env.drainEvents();
    const after = await readOrder(env.adminClient, placed.id);
    const added = after.lines.find((l) => l.id !== lineA.id && l.id !== lineB.id)!;
    expect(after.fulfillments).toHaveLength(3);
    const [atA, atB, fresh] = after.fulfillments as [FulfillmentNode, FulfillmentNode, FulfillmentNode];
    expect(atA).toMatchObject({ locationId: shop.storeA, status: 'OPEN', lines: [{ orderLineId: lineA.id, quantity: 1 }] });
    expect(atB).toMatchObject({ locationId: shop.storeB, status: 'CANCELLED', lines: [] });
    expect(fresh).toMatchObject({ locationId: shop.storeA, status: 'OPEN', state: 'pending', lines: [{ orderLineId: added.id, quantity: 2 }] });
  });

  it('follows a transition staff take in the process screen (process.transitioned)', async () => {
    const [v1] = shop.variants as [string, string];
    const placed = await placeOrder(env, shop, { mode: 'ship', lines: [{ variantId: v1, locationId: shop.storeA, quantity: 1 }] });
    const [ful] = (await readOrder(env.adminClient, placed.id)).fulfillments as [FulfillmentNode];
    const instanceId = ((await env.plaza.db(FulfillmentTables.fulfillment).where('id', ful.id).first('process_instance_id')) as { process_instance_id: string }).process_instance_id;
    await env.adminClient.data(`mutation($input: TransitionProcessInput!) { transitionProcess(input: $input) { state } }`, { input: { instanceId, transition: 'pack' } });
    await env.adminClient.data(`mutation($input: TransitionProcessInput!) { transitionProcess(input: $input) { state } }`, { input: { instanceId, transition: 'hand_over' } });
    await env.drainEvents();
    const order = await readOrder(env.adminClient, placed.id);
    expect(order.fulfillments[0]).toMatchObject({ state: 'delivered', status: 'DONE' });
    expect(order.lines[0]!.fulfilledQuantity).toBe(1);
  });
});
