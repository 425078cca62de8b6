import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CustomerMergeService } from './customer-merge.js';
import { CustomerService } from './customer.service.js';
import { CustomerTimeline } from './customer-timeline.js';
import { CustomerTables as T } from './customer.migrations.js';
import { IdentityResolver } from './identity-resolver.js';
import { CONVERSATION_TABLE, conversationPlugin, placeSale, receiveMessage } from './__tests__/conversation-plugin.js';

let env: TestEnvironment;
let resolver: IdentityResolver;
let customers: CustomerService;
let merges: CustomerMergeService;
let bus: EventBus;
let n = 0;
const sys = () => env.plaza.systemCtx();
const email = () => `person${++n}@example.test`;

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [conversationPlugin] });
  resolver = env.plaza.container.resolve(IdentityResolver);
  customers = env.plaza.container.resolve(CustomerService);
  merges = env.plaza.container.resolve(CustomerMergeService);
  bus = env.plaza.container.resolve(Tokens.EventBus);
});
afterAll(() => env?.close());

describe('identity resolution', () => {
  it('links an arrival to the existing customer through a verified identity, in any spelling', async () => {
    const address = email();
    const first = await resolver.resolve(sys(), { platformId: null, source: 'signup', identities: [{ kind: 'email', value: address, verified: true }, { kind: 'phone', value: '+34 611 00 11 22' }], profile: { firstName: 'Ana' } });
    expect(first.created).toBe(true);
    const again = await resolver.resolve(sys(), { platformId: null, source: 'pos', identities: [{ kind: 'phone', value: '611001122', verified: true }], profile: { lastName: 'Ruiz' } });
    expect(again).toMatchObject({ created: false, customer: { id: first.customer.id, firstName: 'Ana', lastName: 'Ruiz' }, linkedBy: { kind: 'phone', value: '+34611001122' } });
    const byEmail = await resolver.resolve(sys(), { platformId: null, source: 'order', identities: [{ kind: 'email', value: ` ${address.toUpperCase()} `, verified: true }] });
    expect(byEmail.customer.id).toBe(first.customer.id);
    const identities = await customers.identities(sys(), first.customer.id);
    expect(identities.find((i) => i.kind === 'phone')).toMatchObject({ value: '+34611001122', verified: true });
  });

  it('never links on an unverified match: a new customer and a merge suggestion with masked evidence', async () => {
    const address = email();
    const owner = await resolver.resolve(sys(), { platformId: null, source: 'signup', identities: [{ kind: 'email', value: address, verified: true }] });
    const stranger = await resolver.resolve(sys(), { platformId: null, source: 'conversation', identities: [{ kind: 'social', namespace: 'instagram', value: '@Ana.Shop', verified: true }, { kind: 'email', value: address }] });
    expect(stranger.created).toBe(true);
    expect(stranger.customer.id).not.toBe(owner.customer.id);
    expect(stranger.suggestionIds).toHaveLength(1);
    const [suggestion] = (await merges.suggestions(sys(), { customerId: owner.customer.id })).edges.map((e) => e.node);
    expect(suggestion).toMatchObject({ customerId: stranger.customer.id, candidateId: owner.customer.id, status: 'open' });
    expect(suggestion!.evidence[0]).toMatchObject({ kind: 'email', verified: false, source: 'conversation' });
    expect(suggestion!.evidence[0]!.masked).not.toContain(address.split('@')[0]);
    // The e-mail stays with its owner only.
    expect((await customers.identities(sys(), stranger.customer.id)).map((i) => i.kind)).toEqual(['social']);
  });

  it('refuses identities that are not valid, naming the field', async () => {
    await expect(resolver.resolve(sys(), { platformId: null, source: 'pos', identities: [{ kind: 'phone', value: '12' }] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'IDENTITY_INVALID',
      fields: [{ path: 'identities[0].value' }],
    });
  });
});

describe('timeline and figures', () => {
  it('records every event about a customer once, and keeps lifetime figures from purchases', async () => {
    const { customer } = await resolver.resolve(sys(), { platformId: null, source: 'pos', identities: [{ kind: 'email', value: email(), verified: true }] });
    await placeSale(sys(), bus, { customerId: customer.id, platformId: null, total: 4_990, locationId: 'loc_a' });
    await placeSale(sys(), bus, { customerId: customer.id, platformId: null, total: 1_000, locationId: 'loc_b' });
    await placeSale(sys(), bus, { customerId: customer.id, platformId: null, total: 2_500, locationId: 'loc_b' });
    await env.drainEvents();
    const figures = await customers.figures(sys(), customer.id);
    expect(figures).toMatchObject({ ordersCount: 3, spend: [{ currency: 'EUR', amount: 8_490 }], preferredLocationId: 'loc_b' });
    const timeline = env.plaza.container.resolve(CustomerTimeline);
    const entries = (await timeline.list(sys(), customer.id)).edges.map((e) => e.node.kind);
    expect(entries.filter((k) => k === 'order.placed')).toHaveLength(3);
    expect(entries).toContain('customer.created');
    // A second delivery of the same event changes nothing.
    const event = (await env.plaza.db('plaza_outbox').where('name', 'test_sale.placed').orderBy('id').first()) as { id: string };
    await timeline.record(sys(), { customerId: customer.id, kind: 'order.placed', summary: 'dup', purchase: { currency: 'EUR', amount: 4_990 } }, event.id, new Date());
    expect((await customers.figures(sys(), customer.id)).ordersCount).toBe(3);
  });
});

describe('merging', () => {
  it('moves every record to the survivor in one go, figures included, and later events follow the merge', async () => {
    const a = await resolver.resolve(sys(), { platformId: null, source: 'signup', identities: [{ kind: 'email', value: email(), verified: true }], profile: { firstName: 'Lucía' } });
    const b = await resolver.resolve(sys(), { platformId: null, source: 'pos', identities: [{ kind: 'phone', value: '+34 622 33 44 55', verified: true }], profile: { lastName: 'Gómez' } });
    await placeSale(sys(), bus, { customerId: a.customer.id, platformId: null, total: 1_000 });
    await placeSale(sys(), bus, { customerId: b.customer.id, platformId: null, total: 3_000 });
    await receiveMessage(sys(), bus, { customerId: b.customer.id, platformId: null, text: 'Hola' });
    await env.drainEvents();

    const preview = await merges.preview(sys(), a.customer.id, b.customer.id);
    expect(preview.blockers).toEqual([]);
    expect(Object.fromEntries(preview.moves.map((m) => [m.label, m.rows]))).toMatchObject({ identities: 1, conversations: 1, purchases: 1 });

    const result = await merges.merge(sys(), a.customer.id, b.customer.id);
    expect(result.survivor).toMatchObject({ firstName: 'Lucía', lastName: 'Gómez' });
    expect(result.moved).toMatchObject({ identities: 1, conversations: 1, purchases: 1 });
    expect(await env.plaza.db(CONVERSATION_TABLE).where('customer_id', b.customer.id)).toHaveLength(0);
    expect((await customers.get(sys(), b.customer.id))).toMatchObject({ status: 'merged', mergedIntoId: a.customer.id, firstName: null });
    expect(await customers.figures(sys(), a.customer.id)).toMatchObject({ ordersCount: 2, spend: [{ currency: 'EUR', amount: 4_000 }] });

    // An event still naming the merged id lands on the survivor.
    await placeSale(sys(), bus, { customerId: b.customer.id, platformId: null, total: 500 });
    await env.drainEvents();
    expect((await customers.figures(sys(), a.customer.id)).ordersCount).toBe(3);
    // A verified identity of the merged record now resolves to the survivor.
    const again = await resolver.resolve(sys(), { platformId: null, source: 'pos', identities: [{ kind: 'phone', value: '622334455', verified: true }] });
    expect(again.customer.id).toBe(a.customer.id);
    await expect(merges.merge(sys(), a.customer.id, b.customer.id)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'MERGE_BLOCKED' });
    expect(await env.plaza.db(T.merge).where('survivor_id', a.customer.id)).toHaveLength(1);
  });
});
