import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { countQueries, createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { createPlatform, type PlatformNode } from '../platforms/__tests__/platforms-harness.js';
import { CQ, createCustomer, failure, fresh, type CustomerNode } from './__tests__/customer-admin-harness.js';
import { orderLikePlugin, placeTestOrder } from './__tests__/order-like-plugin.js';
import { IdentityResolver } from './identity-resolver.js';

let env: TestEnvironment;
let web: PlatformNode;
let store: PlatformNode;
let bus: EventBus;
const sys = () => env.plaza.systemCtx();
const email = () => `${fresh('person')}@example.test`;

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [orderLikePlugin] });
  web = await createPlatform(env.adminClient, { name: 'Web shop' });
  store = await createPlatform(env.adminClient, { name: 'Madrid store' });
  bus = env.plaza.container.resolve(Tokens.EventBus);
});
afterAll(() => env?.close());

type Full = CustomerNode & {
  addresses: { id: string; line1: string; city: string; country: string }[];
  notes: { id: string; body: string; authorId: string | null; platformId: string | null }[];
  consents: { current: { purpose: string; channel: string; granted: boolean; source: string; wordingVersion: string }[]; history: { granted: boolean; wordingVersion: string }[] };
  figures: { ordersCount: number; spend: { currency: string; amount: number }[]; lastPurchaseAt: string | null };
};

const get = async (client: GraphQLClient, id: string) => (await client.data<{ customer: Full }>(CQ.get, { id })).customer;

describe('customers admin API: profiles', () => {
  it('creates a customer with normalised identities, reads it back, and edits it', async () => {
    const address = email();
    const created = await createCustomer(env.adminClient, {
      firstName: ' Lucía ',
      lastName: 'Gómez',
      locale: 'es-ES',
      platformId: store.id,
      tags: ['vip'],
      identities: [
        { kind: 'EMAIL', value: address.toUpperCase(), verified: true },
        { kind: 'PHONE', value: '611 22 33 44' },
        { kind: 'SOCIAL', namespace: 'instagram', value: '@Lucia.G' },
      ],
    });
    expect(created).toMatchObject({ firstName: 'Lucía', lastName: 'Gómez', status: 'ACTIVE', createdPlatformId: store.id, tags: ['vip'], mergedInto: null });
    expect(created.identities.map((i) => [i.kind, i.namespace, i.value, i.verified])).toEqual(
      expect.arrayContaining([
        ['EMAIL', '', address, true],
        ['PHONE', '', '+34611223344', false],
        ['SOCIAL', 'instagram', 'lucia.g', false],
      ]),
    );
    const updated = (await env.adminClient.data<{ updateCustomer: CustomerNode }>(CQ.update, { input: { id: created.id, lastName: 'Gómez Ruiz', tags: ['vip', 'wholesale'] } })).updateCustomer;
    expect(updated).toMatchObject({ firstName: 'Lucía', lastName: 'Gómez Ruiz', tags: ['vip', 'wholesale'] });
    const read = await get(env.adminClient, created.id);
    expect(read).toMatchObject({ lastName: 'Gómez Ruiz', figures: { ordersCount: 0, spend: [], lastPurchaseAt: null }, addresses: [], notes: [], consents: { current: [], history: [] } });
    const byName = await env.adminClient.data<{ customers: { edges: { node: { id: string } }[] } }>(CQ.list, { filter: { name: 'gomez r' } });
    expect(byName.customers.edges.map((e) => e.node.id)).toEqual([created.id]);
  });

  it('refuses bad input with field paths and stable reasons', async () => {
    expect(await failure(env.adminClient, CQ.create, { input: { firstName: 'X', tags: ['Not A Tag'] } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CUSTOMER_INPUT_INVALID', fields: [{ path: 'tags.0' }] });
    expect(await failure(env.adminClient, CQ.create, { input: { identities: [{ kind: 'PHONE', value: '12' }] } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IDENTITY_INVALID', fields: [{ path: 'identities[0].value' }] });
    expect(await failure(env.adminClient, CQ.get, { id: 'cus_missing' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps every identity value on one customer only (IDENTITY_TAKEN), and unlinks identities', async () => {
    const address = email();
    const owner = await createCustomer(env.adminClient, { firstName: 'Owner', identities: [{ kind: 'EMAIL', value: address }] });
    expect(await failure(env.adminClient, CQ.create, { input: { firstName: 'Copy', identities: [{ kind: 'EMAIL', value: ` ${address.toUpperCase()}` }] } })).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDENTITY_TAKEN',
      fields: [{ path: 'identities[0].value' }],
    });
    const other = await createCustomer(env.adminClient, { firstName: 'Other' });
    expect(await failure(env.adminClient, CQ.addIdentity, { customerId: other.id, input: { kind: 'EMAIL', value: address } })).toMatchObject({ code: 'CONFLICT', reason: 'IDENTITY_TAKEN' });
    const card = (await env.adminClient.data<{ addCustomerIdentity: { id: string; kind: string; value: string; platformId: string } }>(CQ.addIdentity, { customerId: other.id, input: { kind: 'LOYALTY_CARD', value: '4000 1234 5678' }, platformId: store.id })).addCustomerIdentity;
    expect(card).toMatchObject({ kind: 'LOYALTY_CARD', value: '400012345678', platformId: store.id });
    expect((await env.adminClient.data<{ removeCustomerIdentity: boolean }>(CQ.removeIdentity, { id: card.id })).removeCustomerIdentity).toBe(true);
    expect((await env.adminClient.data<{ removeCustomerIdentity: boolean }>(CQ.removeIdentity, { id: card.id })).removeCustomerIdentity).toBe(false);
    expect((await get(env.adminClient, other.id)).identities).toEqual([]);
    // Now free, the card can go to the owner.
    await env.adminClient.data(CQ.addIdentity, { customerId: owner.id, input: { kind: 'LOYALTY_CARD', value: '400012345678' } });
  });

  it('keeps staff notes and an address book, audited without personal data', async () => {
    const customer = await createCustomer(env.adminClient, { firstName: 'Noted' });
    const note = (await env.adminClient.data<{ addCustomerNote: { id: string; body: string; authorId: string; platformId: string } }>(CQ.addNote, { customerId: customer.id, body: 'Prefers calls after 18:00', platformId: store.id })).addCustomerNote;
    expect(note).toMatchObject({ body: 'Prefers calls after 18:00', platformId: store.id });
    expect(note.authorId).toBeTruthy();
    expect(await failure(env.adminClient, CQ.addNote, { customerId: customer.id, body: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTE_INVALID', fields: [{ path: 'body' }] });

    const home = (await env.adminClient.data<{ addCustomerAddress: { id: string } }>(CQ.addAddress, { customerId: customer.id, input: { label: 'Home', line1: 'Calle Mayor 1', city: 'Madrid', country: 'es' } })).addCustomerAddress;
    expect(await failure(env.adminClient, CQ.addAddress, { customerId: customer.id, input: { line1: 'x', city: 'y', country: 'Spain' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ADDRESS_INVALID', fields: [{ path: 'country' }] });
    const moved = (await env.adminClient.data<{ updateCustomerAddress: { line1: string; country: string } }>(CQ.updateAddress, { customerId: customer.id, id: home.id, input: { line1: 'Calle Mayor 2', city: 'Madrid', country: 'ES' } })).updateCustomerAddress;
    expect(moved).toMatchObject({ line1: 'Calle Mayor 2', country: 'ES' });
    await env.adminClient.data(CQ.update, { input: { id: customer.id, defaultShippingAddressId: home.id } });
    const stranger = await createCustomer(env.adminClient, { firstName: 'Stranger' });
    expect(await failure(env.adminClient, CQ.updateAddress, { customerId: stranger.id, id: home.id, input: { line1: 'x', city: 'y', country: 'ES' } })).toMatchObject({ code: 'NOT_FOUND' });

    const read = await get(env.adminClient, customer.id);
    expect(read).toMatchObject({ defaultShippingAddressId: home.id, addresses: [{ id: home.id, line1: 'Calle Mayor 2' }], notes: [{ id: note.id, body: 'Prefers calls after 18:00' }] });
    expect((await env.adminClient.data<{ removeCustomerAddress: boolean }>(CQ.removeAddress, { customerId: customer.id, id: home.id })).removeCustomerAddress).toBe(true);
    expect(await get(env.adminClient, customer.id)).toMatchObject({ defaultShippingAddressId: null, addresses: [] });

    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string; before: unknown; after: unknown } }[] } }>(CQ.audit, { filter: { entityId: customer.id } });
    const actions = audit.auditLog.edges.map((e) => e.node.action);
    expect(actions).toEqual(expect.arrayContaining(['customer.created', 'customer.note_added', 'customer.address_added', 'customer.address_updated', 'customer.address_removed']));
    expect(JSON.stringify(audit)).not.toMatch(/Calle Mayor|Prefers calls/);
  });

  it('records consents staff take, keeping the history, and shows them on the timeline', async () => {
    const customer = await createCustomer(env.adminClient, { firstName: 'Consenting' });
    const given = (await env.adminClient.data<{ recordCustomerConsent: { source: string; granted: boolean } }>(CQ.consent, { customerId: customer.id, platformId: store.id, input: { purpose: 'marketing', channel: 'EMAIL', granted: true, wordingVersion: '2026-01' } })).recordCustomerConsent;
    expect(given).toMatchObject({ purpose: 'marketing', channel: 'EMAIL', granted: true, source: 'staff', platformId: store.id });
    await env.adminClient.data(CQ.consent, { customerId: customer.id, input: { purpose: 'marketing', channel: 'SMS', granted: true, wordingVersion: '2026-01' } });
    await env.adminClient.data(CQ.consent, { customerId: customer.id, input: { purpose: 'marketing', channel: 'EMAIL', granted: false, wordingVersion: '2026-02' } });
    expect(await failure(env.adminClient, CQ.consent, { customerId: customer.id, input: { purpose: 'Marketing!', channel: 'EMAIL', granted: true, wordingVersion: '1' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONSENT_INVALID', fields: [{ path: 'purpose' }] });
    const read = await get(env.adminClient, customer.id);
    expect(read.consents.current).toEqual([
      expect.objectContaining({ purpose: 'marketing', channel: 'EMAIL', granted: false, wordingVersion: '2026-02', source: 'staff' }),
      expect.objectContaining({ purpose: 'marketing', channel: 'SMS', granted: true }),
    ]);
    expect(read.consents.history.map((c) => [c.granted, c.wordingVersion])).toEqual([
      [false, '2026-02'],
      [true, '2026-01'],
      [true, '2026-01'],
    ]);
    await env.drainEvents();
    type Page = { customer: { timeline: { edges: { node: { kind: string; summary: string; platformId: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const consents = await env.adminClient.data<Page>(CQ.timeline, { id: customer.id, kinds: ['consent.changed'] });
    expect(consents.customer.timeline.edges.map((e) => e.node.summary)).toEqual(['Withdrew marketing by email (wording 2026-02)', 'Agreed to marketing by sms (wording 2026-01)', 'Agreed to marketing by email (wording 2026-01)']);
    const inStore = await env.adminClient.data<Page>(CQ.timeline, { id: customer.id, platformId: store.id });
    expect(inStore.customer.timeline.edges.map((e) => e.node.kind)).toEqual(['consent.changed']);
    const first = await env.adminClient.data<Page>(CQ.timeline, { id: customer.id, first: 2 });
    expect(first.customer.timeline.pageInfo.hasNextPage).toBe(true);
    const rest = await env.adminClient.data<Page>(CQ.timeline, { id: customer.id, first: 10, after: first.customer.timeline.pageInfo.endCursor });
    expect(rest.customer.timeline.edges.map((e) => e.node.kind)).toEqual(['consent.changed', 'customer.created']);
  });

  it('shows lifetime figures and purchases from every platform', async () => {
    const customer = await createCustomer(env.adminClient, { firstName: 'Buyer' });
    await placeTestOrder(sys(), bus, { customerId: customer.id, platformId: web.id, total: 2500 });
    await placeTestOrder(sys(), bus, { customerId: customer.id, platformId: store.id, total: 1000, currency: 'USD' });
    await env.drainEvents();
    const read = await get(env.adminClient, customer.id);
    expect(read.figures).toMatchObject({ ordersCount: 2, spend: [{ currency: 'EUR', amount: 2500 }, { currency: 'USD', amount: 1000 }] });
    expect(read.figures.lastPurchaseAt).toBeTruthy();
  });
});

describe('customers admin API: lists without N+1', () => {
  it('reads a page of customers with identities, addresses and figures in a constant number of statements', async () => {
    const tag = fresh('t').toLowerCase().slice(0, 30);
    for (let i = 0; i < 12; i++) {
      const c = await createCustomer(env.adminClient, { firstName: `Listed ${i}`, tags: [tag], identities: [{ kind: 'EMAIL', value: email() }, { kind: 'PHONE', value: `+34 611 5${String(i).padStart(2, '0')} 000` }] });
      await env.adminClient.data(CQ.addAddress, { customerId: c.id, input: { line1: 'Calle 1', city: 'Madrid', country: 'ES' } });
      if (i % 3 === 0) await placeTestOrder(sys(), bus, { customerId: c.id, platformId: web.id, total: 100 * (i + 1) });
    }
    await env.drainEvents();
    type Page = { customers: { edges: { node: { identities: unknown[]; addresses: unknown[]; figures: { ordersCount: number } } }[] } };
    const small = await countQueries(env.plaza.db, () => env.adminClient.data<Page>(CQ.list, { filter: { tag }, first: 2 }));
    const large = await countQueries(env.plaza.db, () => env.adminClient.data<Page>(CQ.list, { filter: { tag }, first: 12 }));
    expect(small.result.customers.edges).toHaveLength(2);
    expect(large.result.customers.edges).toHaveLength(12);
    expect(large.result.customers.edges.every((e) => e.node.identities.length === 2 && e.node.addresses.length === 1)).toBe(true);
    expect(large.result.customers.edges.filter((e) => e.node.figures.ordersCount === 1)).toHaveLength(4);
    expect(large.count).toBe(small.count);
  });
});

describe('customers admin API: merge suggestions and merges', () => {
  it('lists suggestions with both customers (batched), previews, dismisses and merges', async () => {
    const resolver = env.plaza.container.resolve(IdentityResolver);
    const pairs: { owner: string; stranger: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const address = email();
      const owner = await resolver.resolve(sys(), { platformId: web.id, source: 'signup', identities: [{ kind: 'email', value: address, verified: true }], profile: { firstName: `Owner${i}` } });
      const stranger = await resolver.resolve(sys(), { platformId: store.id, source: 'pos', identities: [{ kind: 'email', value: address }, { kind: 'phone', value: `+34 622 10${i} 000`, verified: true }], profile: { firstName: `Walkin${i}` } });
      pairs.push({ owner: owner.customer.id, stranger: stranger.customer.id });
    }
    type Page = { customerMergeSuggestions: { edges: { node: { id: string; status: string; customer: { id: string; firstName: string }; candidate: { id: string; firstName: string; identities: { kind: string; value: string }[] }; evidence: { kind: string; masked: string; verified: boolean; source: string }[] } }[] } };
    const small = await countQueries(env.plaza.db, () => env.adminClient.data<Page>(CQ.suggestions, { first: 1 }));
    const large = await countQueries(env.plaza.db, () => env.adminClient.data<Page>(CQ.suggestions, { first: 4 }));
    expect(large.count).toBe(small.count);
    const mine = await env.adminClient.data<Page>(CQ.suggestions, { customerId: pairs[0]!.owner });
    const [suggestion] = mine.customerMergeSuggestions.edges.map((e) => e.node);
    expect(suggestion).toMatchObject({ status: 'OPEN', customer: { id: pairs[0]!.stranger, firstName: 'Walkin0' }, candidate: { id: pairs[0]!.owner, firstName: 'Owner0' } });
    expect(suggestion!.evidence).toEqual([expect.objectContaining({ kind: 'EMAIL', verified: false, source: 'pos' })]);

    // Preview and merge the first pair.
    type Preview = { previewCustomerMerge: { moves: { label: string; rows: number }[]; blockers: string[]; canMerge: boolean } };
    const preview = (await env.adminClient.data<Preview>(CQ.preview, { survivorId: pairs[0]!.owner, mergedId: pairs[0]!.stranger })).previewCustomerMerge;
    expect(preview).toMatchObject({ canMerge: true, blockers: [] });
    expect(preview.moves).toEqual(expect.arrayContaining([{ label: 'identities', rows: 1 }]));
    type Merge = { mergeCustomers: { survivor: { id: string; identities: { kind: string }[] }; moved: { label: string; rows: number }[] } };
    const merged = (await env.adminClient.data<Merge>(CQ.merge, { survivorId: pairs[0]!.owner, mergedId: pairs[0]!.stranger })).mergeCustomers;
    expect(merged.survivor.identities.map((i) => i.kind).sort()).toEqual(['EMAIL', 'PHONE']);
    expect(merged.moved).toEqual(expect.arrayContaining([{ label: 'identities', rows: 1 }]));
    expect((await get(env.adminClient, pairs[0]!.stranger)).mergedInto).toEqual({ id: pairs[0]!.owner });
    expect((await get(env.adminClient, pairs[0]!.stranger)).status).toBe('MERGED');
    const settled = await env.adminClient.data<Page>(CQ.suggestions, { customerId: pairs[0]!.owner, status: 'MERGED' });
    expect(settled.customerMergeSuggestions.edges).toHaveLength(1);
    expect(await failure(env.adminClient, CQ.merge, { survivorId: pairs[0]!.owner, mergedId: pairs[0]!.stranger })).toMatchObject({ code: 'CONFLICT', reason: 'MERGE_BLOCKED' });
    expect(await failure(env.adminClient, CQ.addNote, { customerId: pairs[0]!.stranger, body: 'late' })).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_MERGED' });

    // Dismiss the second.
    const second = (await env.adminClient.data<Page>(CQ.suggestions, { customerId: pairs[1]!.owner })).customerMergeSuggestions.edges[0]!.node;
    expect((await env.adminClient.data<{ dismissCustomerMergeSuggestion: { status: string } }>(CQ.dismiss, { id: second.id })).dismissCustomerMergeSuggestion.status).toBe('DISMISSED');
    expect(await failure(env.adminClient, CQ.dismiss, { id: second.id })).toMatchObject({ code: 'CONFLICT', reason: 'SUGGESTION_RESOLVED' });
    expect(await failure(env.adminClient, CQ.merge, { survivorId: pairs[1]!.owner, mergedId: pairs[1]!.owner })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MERGE_SAME_CUSTOMER' });
  });
});

describe('customers admin API: permissions', () => {
  it('separates reading, editing, merging and privacy', async () => {
    const customer = await createCustomer(env.adminClient, { firstName: 'Guarded', identities: [{ kind: 'EMAIL', value: email() }] });
    const other = await createCustomer(env.adminClient, { firstName: 'Other' });
    const reader = await env.signIn({ roles: [{ permissions: ['customers.read'] }] });
    const writer = await env.signIn({ roles: [{ permissions: ['customers.read', 'customers.write'] }] });
    const merger = await env.signIn({ roles: [{ permissions: ['customers.read', 'customers.merge'] }] });
    const dpo = await env.signIn({ roles: [{ permissions: ['customers.read', 'customers.privacy'] }] });
    const associate = await env.signIn({ roles: [{ role: 'store-associate', platformIds: [store.id] }] });

    expect((await get(reader, customer.id)).identities).toHaveLength(1);
    expect(await failure(reader, CQ.create, { input: { firstName: 'No' } })).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(await failure(reader, CQ.addNote, { customerId: customer.id, body: 'x' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(reader, CQ.addAddress, { customerId: customer.id, input: { line1: 'x', city: 'y', country: 'ES' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(reader, CQ.suggestions)).toMatchObject({ code: 'FORBIDDEN' });

    await writer.data(CQ.addNote, { customerId: customer.id, body: 'Called back' });
    await writer.data(CQ.consent, { customerId: customer.id, input: { purpose: 'marketing', channel: 'SMS', granted: true, wordingVersion: '1' } });
    expect(await failure(writer, CQ.preview, { survivorId: customer.id, mergedId: other.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(writer, CQ.export, { id: customer.id })).toMatchObject({ code: 'FORBIDDEN' });

    expect((await merger.data<{ previewCustomerMerge: { canMerge: boolean } }>(CQ.preview, { survivorId: customer.id, mergedId: other.id })).previewCustomerMerge.canMerge).toBe(true);
    expect(await failure(merger, CQ.erase, { id: customer.id, reason: 'request' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(merger, CQ.update, { input: { id: customer.id, firstName: 'X' } })).toMatchObject({ code: 'FORBIDDEN' });

    const exported = (await dpo.data<{ exportCustomer: { customerId: string } }>(CQ.export, { id: customer.id })).exportCustomer;
    expect(exported.customerId).toBe(customer.id);
    expect(await failure(dpo, CQ.merge, { survivorId: customer.id, mergedId: other.id })).toMatchObject({ code: 'FORBIDDEN' });

    // A store associate (scoped to their store) looks customers up and records consents in their store only.
    expect((await get(associate, customer.id)).id).toBe(customer.id);
    await associate.data(CQ.consent, { customerId: customer.id, platformId: store.id, input: { purpose: 'marketing', channel: 'EMAIL', granted: true, wordingVersion: '1' } });
    expect(await failure(associate, CQ.consent, { customerId: customer.id, platformId: web.id, input: { purpose: 'marketing', channel: 'EMAIL', granted: true, wordingVersion: '1' } })).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect(await failure(associate, CQ.export, { id: customer.id })).toMatchObject({ code: 'FORBIDDEN' });

    expect(await failure(env.limitedAdminClient, CQ.get, { id: customer.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(env.limitedAdminClient, CQ.list)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(env.anonymousAdminClient, CQ.get, { id: customer.id })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
