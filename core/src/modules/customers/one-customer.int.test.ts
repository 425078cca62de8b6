import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../kernel/tokens.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { platformWithKey } from '../catalog/__tests__/catalog-harness.js';
import { IdentityResolver } from './identity-resolver.js';
import { CONVERSATION_TABLE, conversationPlugin, placeSale, receiveMessage } from './__tests__/conversation-plugin.js';
import { A, mailedToken, readMe, register } from './__tests__/account-harness.js';

let env: TestEnvironment;

const ADMIN = {
  suggestions: `query($customerId: ID) { customerMergeSuggestions(customerId: $customerId) { edges { node { id customer { id } candidate { id } status evidence { kind masked verified source platformId } } } } }`,
  preview: `query($s: ID!, $m: ID!) { previewCustomerMerge(survivorId: $s, mergedId: $m) { moves { label rows } blockers } }`,
  merge: `mutation($s: ID!, $m: ID!) { mergeCustomers(survivorId: $s, mergedId: $m) { survivor { id } moved { label rows } } }`,
  timeline: `query($id: ID!) { customer(id: $id) { id identities { kind namespace verified } timeline(first: 50) { edges { node { kind platformId occurredAt } } } } }`,
};

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [conversationPlugin] });
});
afterAll(() => env?.close());

describe('one customer across every channel', () => {
  it('links the web account, the store purchase and (after review) the Instagram conversation into one history', async () => {
    const web = await platformWithKey(env);
    const store = await platformWithKey(env);
    const instagram = await platformWithKey(env);
    const resolver = env.plaza.container.resolve(IdentityResolver);
    const bus = env.plaza.container.resolve(Tokens.EventBus);
    const sys = env.plaza.systemCtx();

    // 1. Web: Lucía signs up, confirms her e-mail and adds her phone (verified by SMS at the shop).
    const email = 'lucia.web@example.test';
    const account = await register(web.channel, email, { firstName: 'Lucía', lastName: 'Martín' });
    const token = await mailedToken(env, 'customer.email_verification_requested', email);
    expect(await account.client.data(A.verify, { token })).toEqual({ verifyCustomerEmail: 'ADDED' });
    const customerId = account.customerId;
    await resolver.resolve(sys, { platformId: web.id, source: 'signup', identities: [{ kind: 'email', value: email, verified: true }, { kind: 'phone', value: '+34 655 44 33 22', verified: true }] });

    // 2. Store: she buys at the till and gives her phone; the associate checks it (verified).
    const atTill = await resolver.resolve(sys, { platformId: store.id, source: 'pos', identities: [{ kind: 'phone', value: '655443322', verified: true }] });
    expect(atTill).toMatchObject({ created: false, customer: { id: customerId } });
    await placeSale(sys, bus, { customerId, platformId: store.id, total: 3_990, locationId: null });

    // 3. Instagram: she writes from her handle and mentions her e-mail — unverified: no link.
    const fromInstagram = await resolver.resolve(sys, {
      platformId: instagram.id,
      source: 'conversation',
      identities: [{ kind: 'social', namespace: 'instagram', value: '@lucia.mm', verified: true }, { kind: 'email', value: email }],
    });
    expect(fromInstagram.created).toBe(true);
    const igCustomer = fromInstagram.customer.id;
    await receiveMessage(sys, bus, { customerId: igCustomer, platformId: instagram.id, text: '¿Tenéis la talla M?' });
    await env.drainEvents();

    // Her own account does not see the Instagram conversation yet.
    expect((await readMe(account.client)).timeline.edges.map((e) => e.node.platformId)).not.toContain(instagram.id);

    // Staff review the suggestion and merge.
    const { customerMergeSuggestions } = await env.adminClient.data<{ customerMergeSuggestions: { edges: { node: { customer: { id: string }; candidate: { id: string }; evidence: { kind: string; masked: string; verified: boolean; source: string; platformId: string }[] } }[] } }>(
      ADMIN.suggestions,
      { customerId },
    );
    expect(customerMergeSuggestions.edges).toHaveLength(1);
    expect(customerMergeSuggestions.edges[0]!.node).toMatchObject({ customer: { id: igCustomer }, candidate: { id: customerId } });
    expect(customerMergeSuggestions.edges[0]!.node.evidence).toEqual([expect.objectContaining({ kind: 'EMAIL', verified: false, source: 'conversation', platformId: instagram.id })]);
    expect(customerMergeSuggestions.edges[0]!.node.evidence[0]!.masked).not.toContain('lucia.web');

    const { previewCustomerMerge } = await env.adminClient.data<{ previewCustomerMerge: { moves: { label: string; rows: number }[]; blockers: string[] } }>(ADMIN.preview, { s: customerId, m: igCustomer });
    expect(previewCustomerMerge.blockers).toEqual([]);
    expect(previewCustomerMerge.moves).toEqual(expect.arrayContaining([{ label: 'conversations', rows: 1 }, { label: 'identities', rows: 1 }]));
    const { mergeCustomers } = await env.adminClient.data<{ mergeCustomers: { survivor: { id: string }; moved: { label: string; rows: number }[] } }>(ADMIN.merge, { s: customerId, m: igCustomer });
    expect(mergeCustomers.survivor.id).toBe(customerId);
    expect(await env.plaza.db(CONVERSATION_TABLE).where('customer_id', customerId)).toHaveLength(1);
    await env.drainEvents();

    // One person, three platforms, in order — for staff and in her own account.
    const { customer } = await env.adminClient.data<{ customer: { identities: { kind: string; namespace: string; verified: boolean }[]; timeline: { edges: { node: { kind: string; platformId: string | null; occurredAt: string } }[] } } }>(ADMIN.timeline, { id: customerId });
    expect(customer.identities.map((i) => `${i.kind}:${i.namespace}:${i.verified}`).sort()).toEqual(['EMAIL::true', 'PHONE::true', 'SOCIAL:instagram:true']);
    const oldestFirst = [...customer.timeline.edges].reverse().map((e) => e.node);
    const firstOn = (platformId: string) => oldestFirst.findIndex((n) => n.platformId === platformId);
    expect(firstOn(web.id)).toBeGreaterThanOrEqual(0);
    expect(firstOn(web.id)).toBeLessThan(firstOn(store.id));
    expect(firstOn(store.id)).toBeLessThan(firstOn(instagram.id));
    expect(oldestFirst.map((n) => n.kind)).toEqual(expect.arrayContaining(['account.registered', 'order.placed', 'conversation.message', 'customer.merged']));
    const times = customer.timeline.edges.map((e) => Date.parse(e.node.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const mine = await readMe(account.client);
    expect(new Set(mine.timeline.edges.map((e) => e.node.platformId).filter(Boolean))).toEqual(new Set([web.id, store.id, instagram.id]));
  });
});
