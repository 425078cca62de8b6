import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { Q as PQ, createList, createPlatform as createPricedPlatform, insertProducts } from '../pricing/__tests__/pricing-harness.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerService } from './customer.service.js';
import { CustomerSessions } from './customer-sessions.js';
import { CustomerTimeline } from './customer-timeline.js';
import { IdentityResolver } from './identity-resolver.js';
import { monthsAgo } from './segment-rules.js';
import { orderLikePlugin, placeTestOrder } from './__tests__/order-like-plugin.js';

/** Platform types `web` and `pos` (the core has only `headless`), as the web and POS plugins will add them. */
const channelTypesPlugin = definePlugin({
  name: 'test.channel-types',
  version: '1.0.0',
  platformTypes: [
    { code: 'web', label: 'Web shop', description: 'A web shop', settingsSchema: z.object({}), capabilities: ['checkout'] },
    { code: 'pos', label: 'Store POS', description: 'Point of sale in a store', settingsSchema: z.object({}), capabilities: ['checkout'] },
  ],
});

const Q = {
  createPlatform: `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id } }`,
  createGroup: `mutation($input: CreateCustomerGroupInput!) { createCustomerGroup(input: $input) { id code name } }`,
  addToGroup: `mutation($groupId: ID!, $customerId: ID!) { addCustomerToGroup(groupId: $groupId, customerId: $customerId) { id } }`,
  removeFromGroup: `mutation($groupId: ID!, $customerId: ID!) { removeCustomerFromGroup(groupId: $groupId, customerId: $customerId) }`,
  deleteGroup: `mutation($id: ID!) { deleteCustomerGroup(id: $id) }`,
  groups: `query { customerGroups(first: 50) { edges { node { id code } } pageInfo { hasNextPage } } }`,
  createSegment: `mutation($input: CreateCustomerSegmentInput!) { createCustomerSegment(input: $input) { id code rules } }`,
  updateSegment: `mutation($input: UpdateCustomerSegmentInput!) { updateCustomerSegment(input: $input) { id name rules } }`,
  deleteSegment: `mutation($id: ID!) { deleteCustomerSegment(id: $id) }`,
  segments: `query { customerSegments(first: 50) { edges { node { code } } } }`,
  members: `query($id: ID!, $first: Int, $after: String) { customerSegment(id: $id) { code members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
  customerSegments: `query($id: ID!) { customer(id: $id) { id segments { code } groups { code } } }`,
  listWithSegments: `query($first: Int) { customers(first: $first) { edges { node { id segments { code } groups { code } } } } }`,
};

let env: TestEnvironment;
let bus: EventBus;
let web: string;
let pos: string;
const sys = () => env.plaza.systemCtx();
const people: Record<'both' | 'webOnly' | 'posOnly' | 'never' | 'tagged', string> = { both: '', webOnly: '', posOnly: '', never: '', tagged: '' };
let n = 0;

async function person(firstName: string): Promise<string> {
  const resolver = env.plaza.container.resolve(IdentityResolver);
  return (await resolver.resolve(sys(), { platformId: null, source: 'signup', profile: { firstName }, identities: [{ kind: 'email', value: `seg${++n}@example.test`, verified: true }] })).customer.id;
}

async function segment(rules: unknown, code = `seg-${++n}`): Promise<string> {
  return (await env.adminClient.data<{ createCustomerSegment: { id: string } }>(Q.createSegment, { input: { code, name: code, rules } })).createCustomerSegment.id;
}

async function members(rules: unknown): Promise<string[]> {
  const id = await segment(rules);
  const data = await env.adminClient.data<{ customerSegment: { members: { edges: { node: { id: string } }[] } } }>(Q.members, { id, first: 100 });
  return data.customerSegment.members.edges.map((e) => e.node.id).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [orderLikePlugin, channelTypesPlugin] });
  bus = env.plaza.container.resolve(Tokens.EventBus);
  const platform = async (type: string) => (await env.adminClient.data<{ createPlatform: { id: string } }>(Q.createPlatform, { input: { code: `${type}-${Date.now().toString(36)}`, name: type, type, currency: 'EUR', locale: 'es-ES' } })).createPlatform.id;
  web = await platform('web');
  pos = await platform('pos');
  people.both = await person('Ambos');
  people.webOnly = await person('Web');
  people.posOnly = await person('Tienda');
  people.never = await person('Nunca');
  people.tagged = await person('Etiqueta');
  // Purchases arrive as events with a `customerActivity.purchase`, like orders from any platform.
  await placeTestOrder(sys(), bus, { customerId: people.both, platformId: web, total: 6_000 });
  await placeTestOrder(sys(), bus, { customerId: people.both, platformId: pos, total: 5_000 });
  await placeTestOrder(sys(), bus, { customerId: people.posOnly, platformId: pos, total: 3_000 });
  await env.drainEvents();
  // webOnly bought a lot, 18 months ago (an old event recorded the same way), and is a customer since 2 years.
  await env.plaza.container.resolve(CustomerTimeline).record(
    sys(),
    { customerId: people.webOnly, platformId: web, kind: 'order.placed', summary: 'Old order', occurredAt: new Date(monthsAgo(18)), purchase: { currency: 'EUR', amount: 20_000 } },
    'evt_old_web_order',
    new Date(),
  );
  await env.plaza.db(T.customer).whereIn('id', [people.webOnly, people.never]).update({ created_at: monthsAgo(24) });
  await env.plaza.container.resolve(CustomerService).update(sys(), { id: people.tagged, tags: ['wholesale'] });
});
afterAll(() => env?.close());

describe('customer segments', () => {
  it('"bought both online and in store" from purchases of every platform', async () => {
    expect(await members({ boughtOnPlatformTypes: { all: ['web', 'pos'] } })).toEqual([people.both]);
    expect(await members({ boughtOnPlatformTypes: { all: ['pos'] } })).toEqual(sorted(people.both, people.posOnly));
  });

  it('spent over an amount in a currency, within months or ever', async () => {
    expect(await members({ spentOver: { currency: 'EUR', amount: 10_000, withinMonths: 12 } })).toEqual([people.both]);
    expect(await members({ spentOver: { currency: 'EUR', amount: 10_000 } })).toEqual(sorted(people.both, people.webOnly));
    expect(await members({ spentOver: { currency: 'USD', amount: 0 } })).toEqual([]);
  });

  it('inactive for months: customers for that long without a purchase since', async () => {
    expect(await members({ inactiveFor: { months: 6 } })).toEqual(sorted(people.webOnly, people.never));
    expect(await members({ inactiveFor: { months: 20 } })).toEqual([people.never]);
  });

  it('in a group, with a tag, and all / any of rules', async () => {
    const { createCustomerGroup: group } = await env.adminClient.data<{ createCustomerGroup: { id: string } }>(Q.createGroup, { input: { code: 'vip', name: 'VIP' } });
    await env.adminClient.data(Q.addToGroup, { groupId: group.id, customerId: people.posOnly });
    await env.adminClient.data(Q.addToGroup, { groupId: group.id, customerId: people.posOnly });
    expect(await members({ inGroup: { groupId: group.id } })).toEqual([people.posOnly]);
    expect(await members({ hasTag: { tag: 'wholesale' } })).toEqual([people.tagged]);
    expect(await members({ any: [{ inGroup: { groupId: group.id } }, { hasTag: { tag: 'wholesale' } }] })).toEqual(sorted(people.posOnly, people.tagged));
    expect(await members({ all: [{ boughtOnPlatformTypes: { all: ['web'] } }, { spentOver: { currency: 'EUR', amount: 10_000 } }] })).toEqual(sorted(people.both, people.webOnly));
    expect(await members({ all: [{ inGroup: { groupId: group.id } }, { any: [{ hasTag: { tag: 'wholesale' } }, { boughtOnPlatformTypes: { all: ['pos'] } }] }] })).toEqual([people.posOnly]);
    // A group a segment names cannot be deleted.
    const inUse = await env.adminClient.query(Q.deleteGroup, { id: group.id });
    expect(inUse.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_GROUP_IN_USE' });
    expect(await env.adminClient.data(Q.removeFromGroup, { groupId: group.id, customerId: people.posOnly })).toEqual({ removeCustomerFromGroup: true });
    expect(await env.adminClient.data(Q.removeFromGroup, { groupId: group.id, customerId: people.posOnly })).toEqual({ removeCustomerFromGroup: false });
  });

  it('pages members, and shows a customer’s segments and groups (batched for a list)', async () => {
    const id = await segment({ boughtOnPlatformTypes: { all: ['pos'] } }, 'store-buyers');
    const page1 = await env.adminClient.data<{ customerSegment: { members: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(Q.members, { id, first: 1 });
    expect(page1.customerSegment.members.pageInfo.hasNextPage).toBe(true);
    const page2 = await env.adminClient.data<typeof page1>(Q.members, { id, first: 1, after: page1.customerSegment.members.pageInfo.endCursor });
    expect(sorted(page1.customerSegment.members.edges[0]!.node.id, page2.customerSegment.members.edges[0]!.node.id)).toEqual(sorted(people.both, people.posOnly));
    expect(page2.customerSegment.members.pageInfo.hasNextPage).toBe(false);
    const { customer } = await env.adminClient.data<{ customer: { segments: { code: string }[] } }>(Q.customerSegments, { id: people.posOnly });
    expect(customer.segments.map((s) => s.code)).toContain('store-buyers');
    const few = await countQueries(env.plaza.db, () => env.adminClient.data(Q.listWithSegments, { first: 2 }));
    const many = await countQueries(env.plaza.db, () => env.adminClient.data(Q.listWithSegments, { first: 5 }));
    const segmentSql = (sql: string[]) => sql.filter((s) => s.includes('customer_segment') || s.includes('customer_group')).length;
    expect(segmentSql(many.sql)).toBe(segmentSql(few.sql));
    expect(segmentSql(many.sql)).toBeLessThanOrEqual(3);
  });

  it('validates rules with field paths, refuses unknown groups and taken codes, updates and deletes', async () => {
    const bad = await env.adminClient.query(Q.createSegment, { input: { code: 'bad', name: 'Bad', rules: { spentOver: { currency: 'euro', amount: -1 } } } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CUSTOMER_SEGMENT_INPUT_INVALID' });
    expect((bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^rules/)]));
    const unknown = await env.adminClient.query(Q.createSegment, { input: { code: 'ghost', name: 'Ghost', rules: { inGroup: { groupId: 'cgr_nope' } } } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CUSTOMER_GROUP_NOT_FOUND' });
    const id = await segment({ hasTag: { tag: 'x' } }, 'taken');
    const taken = await env.adminClient.query(Q.createSegment, { input: { code: 'taken', name: 'Again', rules: { hasTag: { tag: 'x' } } } });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_SEGMENT_CODE_TAKEN' });
    const updated = await env.adminClient.data<{ updateCustomerSegment: { name: string; rules: unknown } }>(Q.updateSegment, { input: { id, name: 'Wholesale', rules: { hasTag: { tag: 'wholesale' } } } });
    expect(updated.updateCustomerSegment).toEqual({ id, name: 'Wholesale', rules: { hasTag: { tag: 'wholesale' } } });
    expect(await env.adminClient.data(Q.deleteSegment, { id })).toEqual({ deleteCustomerSegment: true });
    const gone = await env.adminClient.query(Q.members, { id });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('needs customers.write to change groups and segments', async () => {
    const reader = await env.signIn({ roles: [{ role: 'read-only' }] });
    expect((await reader.data<{ customerSegments: { edges: unknown[] } }>(Q.segments)).customerSegments.edges.length).toBeGreaterThan(0);
    const refused = await reader.query(Q.createGroup, { input: { code: 'nope', name: 'Nope' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('group prices for a signed-in customer', () => {
  it('applies a price for a group the customer is in, and for a segment they match', async () => {
    const shop = await createPricedPlatform(env.adminClient);
    const [product] = await insertProducts(env, 1, 3, [shop.id]);
    const list = await createList(env.adminClient, { name: `Retail ${++n}` });
    await env.adminClient.data(PQ.setPlatformPricing, { platformId: shop.id, priceListId: list.id, pricesIncludeTax: true });
    const { createCustomerGroup: group } = await env.adminClient.data<{ createCustomerGroup: { id: string } }>(Q.createGroup, { input: { code: 'staff', name: 'Staff' } });
    const buyers = await segment({ boughtOnPlatformTypes: { all: ['web', 'pos'] } }, 'omnichannel');
    const [v0, v1, v2] = product!.variantIds;
    await env.adminClient.data(PQ.setPrices, {
      priceListId: list.id,
      prices: [
        ...product!.variantIds.map((variantId) => ({ variantId, amount: 1_000 })),
        { variantId: v1, amount: 800, customerGroupId: group.id },
        { variantId: v2, amount: 700, customerGroupId: buyers },
      ],
    });
    await env.adminClient.data(Q.addToGroup, { groupId: group.id, customerId: people.tagged });
    const sessions = env.plaza.container.resolve(CustomerSessions);
    const signedIn = async (customerId: string) => env.channelClient(shop.key).withHeaders({ authorization: `Bearer ${(await sessions.open(sys(), customerId, shop.id)).token}` });
    const PRICES = `query($id: ID!) { product(id: $id) { variants { id price { amount } } } }`;
    const prices = async (client: ReturnType<typeof env.channelClient>) =>
      Object.fromEntries((await client.data<{ product: { variants: { id: string; price: { amount: number } }[] } }>(PRICES, { id: product!.id })).product.variants.map((v) => [v.id, v.price.amount]));
    expect(await prices(env.channelClient(shop.key))).toEqual({ [v0!]: 1_000, [v1!]: 1_000, [v2!]: 1_000 });
    expect(await prices(await signedIn(people.tagged))).toEqual({ [v0!]: 1_000, [v1!]: 800, [v2!]: 1_000 });
    expect(await prices(await signedIn(people.both))).toEqual({ [v0!]: 1_000, [v1!]: 1_000, [v2!]: 700 });
    expect(await prices(await signedIn(people.never))).toEqual({ [v0!]: 1_000, [v1!]: 1_000, [v2!]: 1_000 });
  });
});
