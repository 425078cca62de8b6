import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { createKey, createPlatform, type PlatformNode } from '../platforms/__tests__/platforms-harness.js';
import { A, asCustomer, errorOf, mailedToken, PASSWORD } from './__tests__/account-harness.js';
import { CQ, failure } from './__tests__/customer-admin-harness.js';
import { orderLikePlugin, placeTestOrder, TEST_ORDER_TABLE } from './__tests__/order-like-plugin.js';
import { scanForValues } from './__tests__/personal-data-scan.js';
import { CustomerTables as T } from './customer.migrations.js';
import type { CustomerExport } from './customer-privacy.js';
import { IdentityResolver } from './identity-resolver.js';

// The subject: distinctive values that must be found in the export and nowhere after erasure.
const EMAIL = 'zebulon.quaxley@example.test';
const PHONE = '+34 611 222 333';
const HANDLE = '@Zebulon_Quax';
const ADDRESS = 'Calle Inventada 123';
const PERSONAL = ['Zebulon', 'Quaxley', '611222333', '611 222 333', 'zebulon_quax', 'Calle Inventada'];

let env: TestEnvironment;
let web: PlatformNode;
let store: PlatformNode;
let channel: GraphQLClient;
let bus: EventBus;
const sys = () => env.plaza.systemCtx();

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [orderLikePlugin] });
  web = await createPlatform(env.adminClient, { name: 'Web shop' });
  store = await createPlatform(env.adminClient, { name: 'Madrid store' });
  channel = env.channelClient((await createKey(env.adminClient, web.id)).secret);
  bus = env.plaza.container.resolve(Tokens.EventBus);
});
afterAll(() => env?.close());

/** Builds a customer known in every way the platform knows people; returns ids and the account's session token. */
async function buildSubject() {
  // A walk-in at the store first: phone verified at the till, a purchase shipped home.
  const resolver = env.plaza.container.resolve(IdentityResolver);
  const guest = (await resolver.resolve(sys(), { platformId: store.id, source: 'pos', identities: [{ kind: 'phone', value: PHONE, verified: true }], profile: { firstName: 'Zebulon', lastName: 'Quaxley' } })).customer;
  const guestOrder = await placeTestOrder(sys(), bus, { customerId: guest.id, platformId: store.id, total: 1250, shippingName: 'Zebulon Quaxley', shippingLine1: ADDRESS, email: EMAIL });

  // Then an account on the web: registered, e-mail verified with the mailed token, a password reset asked for.
  const registered = await channel.data<{ registerCustomer: { token: string; me: { id: string } } }>(A.register, {
    input: { email: EMAIL, password: PASSWORD, firstName: 'Zebulon', lastName: 'Quaxley', consents: [{ purpose: 'newsletter', channel: 'email', granted: true, wordingVersion: 'v1' }] },
  });
  const customerId = registered.registerCustomer.me.id;
  const token = registered.registerCustomer.token;
  const me = asCustomer(channel, token);
  await me.data(A.verify, { token: await mailedToken(env, 'customer.email_verification_requested', EMAIL) });
  await channel.data(A.requestReset, { email: EMAIL });
  await me.data(A.addAddress, { input: { label: 'Home', firstName: 'Zebulon', lastName: 'Quaxley', line1: ADDRESS, city: 'Sevilla', country: 'ES' } });

  // Staff: the store record is the same person; a social handle, a note, a consent taken at the till.
  await env.adminClient.data(CQ.merge, { survivorId: customerId, mergedId: guest.id });
  await env.adminClient.data(CQ.addIdentity, { customerId, input: { kind: 'SOCIAL', namespace: 'instagram', value: HANDLE } });
  await env.adminClient.data(CQ.addNote, { customerId, body: 'Zebulon Quaxley wants gift wrapping, call 611 222 333' });
  await env.adminClient.data(CQ.consent, { customerId, platformId: store.id, input: { purpose: 'marketing', channel: 'SMS', granted: true, wordingVersion: 'v2' } });
  const webOrder = await placeTestOrder(sys(), bus, { customerId, platformId: web.id, total: 4990, shippingName: 'Zebulon Quaxley', shippingLine1: ADDRESS, email: EMAIL });

  // Someone else writes from Instagram claiming the e-mail: a merge suggestion naming the subject.
  const stranger = (await resolver.resolve(sys(), { platformId: web.id, source: 'conversation', identities: [{ kind: 'email', value: EMAIL }, { kind: 'social', namespace: 'instagram', value: '@someone_else' }] })).customer;
  await env.drainEvents();

  // A webhook receiver that echoed the verification e-mail back in its response body.
  const [verification] = (await env.plaza.db('plaza_outbox').where('name', 'customer.email_verification_requested').select('id')) as { id: string }[];
  const now = Date.now();
  await env.plaza.db('plaza_event_delivery').insert({ id: 'dlv_echo', event_id: verification!.id, target_kind: 'webhook', target_id: 'whk_echo', status: 'delivered', attempts: 1, created_at: now, updated_at: now, delivered_at: now });
  await env.plaza.db('plaza_webhook_attempt').insert({ id: 'wha_echo', delivery_id: 'dlv_echo', webhook_subscription_id: 'whk_echo', attempt: 1, response_status: 200, response_body: JSON.stringify({ received: { email: EMAIL } }), duration_ms: 5, created_at: now });
  return { customerId, guestId: guest.id, strangerId: stranger.id, token, orders: [guestOrder, webOrder] };
}

describe('privacy: export and erasure', () => {
  let subject: Awaited<ReturnType<typeof buildSubject>>;
  beforeAll(async () => {
    subject = await buildSubject();
  });

  it('exports every record about the customer, from every declared source, without secrets', async () => {
    const before = await scanForValues(env.plaza.db, PERSONAL);
    expect(before.hits.length).toBeGreaterThan(0);

    const exported = (await env.adminClient.data<{ exportCustomer: CustomerExport }>(CQ.export, { id: subject.customerId })).exportCustomer;
    expect(exported).toMatchObject({ format: 'plaza.customer-export.v1', customerId: subject.customerId, mergedCustomerIds: [subject.guestId] });

    // Every row of every source (this module's and the orders plugin's) about the customer or the record merged into it.
    const registry = env.plaza.container.resolve<PluginRegistry>(Tokens.Plugins);
    const ids = [subject.customerId, subject.guestId];
    for (const source of registry.customerData) {
      const rows = (await env.plaza.db(source.table).whereIn(source.customerColumn, ids).select('*')) as Record<string, unknown>[];
      const exportedRows = exported.records[source.label] ?? [];
      expect(exportedRows.filter((r) => ids.includes(String(r[source.customerColumn]))), source.label).toHaveLength(rows.length);
      for (const column of source.exportExclude ?? []) expect(exportedRows.every((r) => !(column in r)), `${source.label}.${column}`).toBe(true);
    }
    const labels = Object.keys(exported.records);
    expect(labels).toEqual(expect.arrayContaining(['profile', 'identities', 'addresses', 'notes', 'consents', 'purchases', 'timeline', 'merge suggestions (as candidate)', 'account', 'sessions', 'account tokens', 'test orders', 'orders', 'merges', 'erasures']));
    const count = (label: string) => exported.records[label]!.length;
    expect(count('identities')).toBe(3);
    expect(count('test orders')).toBe(2);
    expect(count('purchases')).toBe(2);
    expect(count('consents')).toBe(2);
    expect(count('account tokens')).toBe(2);
    expect(count('merges')).toBe(1);
    expect(count('merge suggestions (as candidate)')).toBe(1);
    expect(count('timeline')).toBeGreaterThanOrEqual(8);

    // Values as people read them: JSON parsed, booleans, ISO timestamps; the personal data is all there.
    const profile = exported.records.profile!.find((p) => p.id === subject.customerId)!;
    expect(profile).toMatchObject({ first_name: 'Zebulon', last_name: 'Quaxley', status: 'active', tags: [] });
    expect(profile.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The record merged into it is a pointer without personal data.
    expect(exported.records.profile!.find((p) => p.id === subject.guestId)).toMatchObject({ status: 'merged', merged_into_id: subject.customerId, first_name: null, last_name: null, search_first: null, search_last: null });
    expect(exported.records.identities!.map((i) => [i.kind, i.value, i.verified])).toEqual(
      expect.arrayContaining([
        ['email', EMAIL, true],
        ['phone', '+34611222333', true],
        ['social', 'zebulon_quax', false],
      ]),
    );
    expect(exported.records['test orders']!.map((o) => o.total).sort()).toEqual([1250, 4990]);
    expect(exported.records.timeline!.every((e) => typeof e.data === 'object' && e.data !== null)).toBe(true);
    expect(exported.records.account![0]).toMatchObject({ email: EMAIL });
    const text = JSON.stringify(exported);
    for (const value of [EMAIL, '+34611222333', 'zebulon_quax', ADDRESS, 'gift wrapping']) expect(text).toContain(value);
    expect(text).not.toMatch(/password_hash|token_hash|\$argon|\$scrypt/);

    // Audited, with counts only.
    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string; after: unknown } }[] } }>(CQ.audit, { filter: { entityId: subject.customerId, action: 'customer.exported' } });
    expect(audit.auditLog.edges).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Zebulon');
  });

  it('erases: no personal data left in any table, while order totals, figures and the timeline stay', async () => {
    const totalsBefore = (await env.plaza.db(TEST_ORDER_TABLE).whereIn('id', subject.orders.map((o) => o.id)).orderBy('id').select('id', 'total', 'customer_id')) as { total: number | string }[];
    type Erasure = { eraseCustomer: { id: string; cleared: { label: string; rows: number }[]; customer: { status: string; erasedAt: string; firstName: string | null; lastName: string | null; identities: unknown[]; addresses: unknown[] } } };
    const erased = (await env.adminClient.data<Erasure>(CQ.erase, { id: subject.customerId, reason: 'GDPR erasure request 2026-117' })).eraseCustomer;
    expect(erased.customer).toMatchObject({ status: 'ERASED', firstName: null, lastName: null, identities: [], addresses: [] });
    expect(erased.customer.erasedAt).toBeTruthy();
    const cleared = Object.fromEntries(erased.cleared.map((c) => [c.label, c.rows]));
    expect(cleared).toMatchObject({ profile: 2, identities: 3, addresses: 1, notes: 1, 'test orders': 2, account: 1, 'account tokens': 2, 'merge suggestions (as candidate)': 1, 'delivery events': 2 });
    expect(cleared.sessions).toBeGreaterThanOrEqual(1);

    // Scan every row of every table of the database for every personal value.
    const scan = await scanForValues(env.plaza.db, PERSONAL);
    expect(scan.tables).toEqual(expect.arrayContaining([T.customer, T.timeline, 'plaza_outbox', 'audit_entry', TEST_ORDER_TABLE]));
    expect(scan.hits).toEqual([]);

    // Orders keep their totals (accounting); figures and the timeline stay.
    const totalsAfter = (await env.plaza.db(TEST_ORDER_TABLE).whereIn('id', subject.orders.map((o) => o.id)).orderBy('id').select('id', 'total', 'customer_id')) as { total: number | string }[];
    expect(totalsAfter).toEqual(totalsBefore);
    const orders = (await env.plaza.db(TEST_ORDER_TABLE).whereIn('id', subject.orders.map((o) => o.id)).select('shipping_name', 'shipping_line1', 'email')) as Record<string, unknown>[];
    expect(orders).toEqual([
      { shipping_name: null, shipping_line1: '[erased]', email: null },
      { shipping_name: null, shipping_line1: '[erased]', email: null },
    ]);
    const read = await env.adminClient.data<{ customer: { figures: { ordersCount: number; spend: { currency: string; amount: number }[] } } }>(CQ.get, { id: subject.customerId });
    expect(read.customer.figures).toMatchObject({ ordersCount: 2, spend: [{ currency: 'EUR', amount: 6240 }] });
    const timeline = await env.adminClient.data<{ customer: { timeline: { edges: { node: { kind: string } }[] } } }>(CQ.timeline, { id: subject.customerId, first: 50 });
    expect(timeline.customer.timeline.edges.map((e) => e.node.kind)).toEqual(expect.arrayContaining(['order.placed', 'customer.merged']));

    // The erasure is recorded (reason kept, counts), audited and published.
    const record = (await env.plaza.db(T.erasure).where('customer_id', subject.customerId).first()) as { reason: string; actor_id: string };
    expect(record.reason).toBe('GDPR erasure request 2026-117');
    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string } }[] } }>(CQ.audit, { filter: { entityId: subject.customerId, action: 'customer.erased' } });
    expect(audit.auditLog.edges).toHaveLength(1);
    expect(await env.plaza.db('plaza_outbox').where('name', 'customer.erased').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number(((await env.plaza.db('plaza_outbox').where('name', 'customer.erased').count({ n: '*' })) as [{ n: number | string }])[0].n)).toBe(1);
  });

  it('ends the account: its sessions stop working and nobody can sign in with it', async () => {
    expect((await errorOf(asCustomer(channel, subject.token), A.me)).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(channel, A.login, { email: EMAIL, password: PASSWORD })).code).toBe('UNAUTHENTICATED');
  });

  it('exports an erased customer with nothing personal left', async () => {
    const exported = (await env.adminClient.data<{ exportCustomer: CustomerExport }>(CQ.export, { id: subject.customerId })).exportCustomer;
    expect(exported.records.erasures).toHaveLength(1);
    expect(exported.records['test orders']).toHaveLength(2);
    const text = JSON.stringify(exported).toLowerCase();
    for (const value of PERSONAL) expect(text).not.toContain(value.toLowerCase());
  });

  it('refuses a second erasure, a merged record and a missing reason; frees the identities', async () => {
    expect(await failure(env.adminClient, CQ.erase, { id: subject.customerId, reason: 'again' })).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_ERASED' });
    expect(await failure(env.adminClient, CQ.erase, { id: subject.guestId, reason: 'request' })).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_MERGED' });
    expect(await failure(env.adminClient, CQ.export, { id: subject.guestId })).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_MERGED' });
    expect(await failure(env.adminClient, CQ.erase, { id: subject.strangerId, reason: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ERASURE_REASON_INVALID', fields: [{ path: 'reason' }] });
    expect(await failure(env.adminClient, CQ.erase, { id: 'cus_missing', reason: 'request' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(env.adminClient, CQ.addNote, { customerId: subject.customerId, body: 'after' })).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_ERASED' });
    // The e-mail belongs to nobody now: a new customer may use it.
    const fresh = await env.adminClient.data<{ createCustomer: { id: string } }>(CQ.create, { input: { identities: [{ kind: 'EMAIL', value: EMAIL }] } });
    expect(fresh.createCustomer.id).not.toBe(subject.customerId);
  });
});
