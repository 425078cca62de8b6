import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CustomerLookup } from './customer-lookup.js';
import { CustomerMergeService } from './customer-merge.js';
import { CustomerPrivacy } from './customer-privacy.js';
import { IdentityResolver, type ResolveInput } from './identity-resolver.js';
import { orderLikePlugin, placeTestOrder } from './__tests__/order-like-plugin.js';

/** A plugin whose rows stay with the merged customer (onMerge skip) and are found by code: exercises "merged → survivor". */
const ticketPlugin = definePlugin({
  name: 'test.tickets',
  version: '1.0.0',
  migrations: [
    {
      name: '0001_test_ticket',
      async up(knex) {
        await knex.schema.createTable('test_ticket', (t) => {
          t.string('id', 40).primary();
          t.string('customer_id', 40).notNullable();
          t.string('code', 40).notNullable();
          t.unique(['code'], { indexName: 'test_ticket_code_uq' });
        });
      },
    },
  ],
  customerData: [{ table: 'test_ticket', customerColumn: 'customer_id', label: 'tickets', onMerge: 'skip', lookupColumn: 'code' }],
});

const LOOKUP = `query($query: String!, $first: Int) { customerLookup(query: $query, first: $first) { matchedBy hits {
  customer { id firstName lastName status segments { code } }
  identities { kind value verified }
  figures { ordersCount spend { currency amount } lastPurchaseAt }
  recentTimeline { kind summary occurredAt } } } }`;

interface LookupData {
  customerLookup: {
    matchedBy: string | null;
    hits: { customer: { id: string; firstName: string | null; lastName: string | null; status: string }; identities: { kind: string; value: string }[]; figures: { ordersCount: number; spend: { currency: string; amount: number }[] }; recentTimeline: { kind: string; summary: string }[] }[];
  };
}

let env: TestEnvironment;
let lookup: CustomerLookup;
let resolver: IdentityResolver;
let bus: EventBus;
const sys = () => env.plaza.systemCtx();

async function person(input: Omit<ResolveInput, 'platformId' | 'source'>): Promise<string> {
  return (await resolver.resolve(sys(), { platformId: null, source: 'pos', ...input })).customer.id;
}

async function found(query: string, first?: number): Promise<LookupData['customerLookup']> {
  return (await env.adminClient.data<LookupData>(LOOKUP, { query, first })).customerLookup;
}

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [orderLikePlugin, ticketPlugin] });
  lookup = env.plaza.container.resolve(CustomerLookup);
  resolver = env.plaza.container.resolve(IdentityResolver);
  bus = env.plaza.container.resolve(Tokens.EventBus);
});
afterAll(() => env?.close());

describe('staff lookup (customerLookup)', () => {
  it('finds a customer by phone in national or international format, with profile, identities, figures and recent timeline', async () => {
    const id = await person({ profile: { firstName: 'Rosa', lastName: 'Telefónica' }, identities: [{ kind: 'phone', value: '+34 655 12 34 56', verified: true }, { kind: 'email', value: 'rosa.tel@example.test', verified: true }] });
    await placeTestOrder(sys(), bus, { customerId: id, total: 4_990 });
    await env.drainEvents();
    for (const query of ['655 12 34 56', '655123456', '+34655123456', '+34 655-123-456', '0034 655 12 34 56']) {
      const result = await found(query);
      expect(result.matchedBy, query).toBe('phone');
      expect(result.hits.map((h) => h.customer.id), query).toEqual([id]);
    }
    const [hit] = (await found('655123456')).hits;
    expect(hit!.customer).toMatchObject({ firstName: 'Rosa', lastName: 'Telefónica', status: 'ACTIVE' });
    expect(hit!.identities.map((i) => i.kind).sort()).toEqual(['EMAIL', 'PHONE']);
    expect(hit!.figures).toMatchObject({ ordersCount: 1, spend: [{ currency: 'EUR', amount: 4_990 }] });
    expect(hit!.recentTimeline[0]).toMatchObject({ kind: 'order.placed' });
  });

  it('finds by e-mail in any case and spacing, and by loyalty card however it is typed', async () => {
    const id = await person({ profile: { firstName: 'Ana' }, identities: [{ kind: 'email', value: 'ana.lookup@example.test', verified: true }, { kind: 'loyalty_card', value: 'PLZ 7777 0001', verified: true }] });
    expect(await found('  ANA.Lookup@Example.TEST ')).toMatchObject({ matchedBy: 'email', hits: [{ customer: { id } }] });
    expect(await found('plz-7777-0001')).toMatchObject({ matchedBy: 'loyalty_card', hits: [{ customer: { id } }] });
    expect(await found('nobody@example.test')).toEqual({ matchedBy: null, hits: [] });
  });

  it('finds by the start of a name, ignoring case and accents, first name + last name or a compound last name', async () => {
    const inigo = await person({ profile: { firstName: 'Íñigo', lastName: 'Zúñiga de la Peña' }, identities: [{ kind: 'email', value: 'inigo@example.test', verified: true }] });
    const zoe = await person({ profile: { firstName: 'Zoé', lastName: 'Ibáñez' }, identities: [{ kind: 'email', value: 'zoe@example.test', verified: true }] });
    expect((await found('zuñi')).hits.map((h) => h.customer.id)).toEqual([inigo]);
    expect((await found('ZUNIGA DE LA')).hits.map((h) => h.customer.id)).toEqual([inigo]);
    expect((await found('inigo zun')).hits.map((h) => h.customer.id)).toEqual([inigo]);
    expect((await found('zoe')).hits.map((h) => h.customer.id)).toEqual([zoe]);
    expect(new Set((await found('Zo')).hits.map((h) => h.customer.id))).toEqual(new Set([zoe]));
    expect((await found('Zu')).matchedBy).toBe('name');
    expect((await found('inigo zoe')).hits).toEqual([]);
  });

  it('finds by a plugin’s lookup column (an order number)', async () => {
    const id = await person({ profile: { firstName: 'Olga' }, identities: [{ kind: 'email', value: 'olga@example.test', verified: true }] });
    await placeTestOrder(sys(), bus, { customerId: id, total: 1_000, number: 'ORD-7781' });
    expect(await found('ORD-7781')).toMatchObject({ matchedBy: 'test orders', hits: [{ customer: { id } }] });
  });

  it('resolves a merged customer to the survivor', async () => {
    const survivor = await person({ profile: { firstName: 'Sara', lastName: 'Superviviente' }, identities: [{ kind: 'email', value: 'sara@example.test', verified: true }] });
    const merged = await person({ profile: { firstName: 'Sara', lastName: 'Duplicada' }, identities: [{ kind: 'phone', value: '+34 677 000 111', verified: true }] });
    await env.plaza.db('test_ticket').insert({ id: 'tkt_1', customer_id: merged, code: 'TICKET-9' });
    await env.plaza.container.resolve(CustomerMergeService).merge(sys(), survivor, merged);
    expect(await found('TICKET-9')).toMatchObject({ matchedBy: 'tickets', hits: [{ customer: { id: survivor } }] });
    expect(await found('677000111')).toMatchObject({ matchedBy: 'phone', hits: [{ customer: { id: survivor } }] });
    expect((await found('duplicada')).hits).toEqual([]);
  });

  it('never finds an erased customer', async () => {
    const id = await person({ profile: { firstName: 'Ernesto', lastName: 'Borrado' }, identities: [{ kind: 'phone', value: '+34 688 999 000', verified: true }, { kind: 'email', value: 'ernesto@example.test', verified: true }] });
    await placeTestOrder(sys(), bus, { customerId: id, total: 2_000, number: 'ORD-ERASED' });
    await env.plaza.db('test_ticket').insert({ id: 'tkt_2', customer_id: id, code: 'TICKET-ERASED' });
    expect((await found('borrado')).hits).toHaveLength(1);
    await env.plaza.container.resolve(CustomerPrivacy).erase(sys(), id, 'GDPR request');
    for (const query of ['688999000', 'ernesto@example.test', 'borrado', 'ernesto', 'ORD-ERASED', 'TICKET-ERASED']) expect((await found(query)).hits, query).toEqual([]);
  });

  it('costs the same few statements however many customers it returns', async () => {
    for (let i = 0; i < 12; i++) {
      const id = await person({ profile: { firstName: `Uno${i}`, lastName: 'Statementson' }, identities: [{ kind: 'email', value: `stm${i}@example.test`, verified: true }, { kind: 'phone', value: `+34 699 100 ${String(100 + i)}`, verified: true }] });
      await placeTestOrder(sys(), bus, { customerId: id, total: 100 + i });
    }
    await env.drainEvents();
    const one = await countQueries(env.plaza.db, () => lookup.lookup(sys(), 'statementson', 1));
    const twelve = await countQueries(env.plaza.db, () => lookup.lookup(sys(), 'statementson', 12));
    expect(one.result.hits).toHaveLength(1);
    expect(twelve.result.hits).toHaveLength(12);
    expect(twelve.result.hits.every((h) => h.identities.length === 2 && h.recentTimeline.length >= 1 && h.recentTimeline.length <= 5 && h.figures.ordersCount === 1)).toBe(true);
    expect(twelve.count).toBe(one.count);
    expect(twelve.count).toBeLessThanOrEqual(7);
    const byPhone = await countQueries(env.plaza.db, () => lookup.lookup(sys(), '699 100 105'));
    expect(byPhone.result.hits).toHaveLength(1);
    expect(byPhone.count).toBeLessThanOrEqual(5);
  });

  it('needs customers.read, and refuses an empty query with a field error', async () => {
    const associate = await env.signIn({ roles: [{ role: 'store-associate' }] });
    expect((await associate.data<LookupData>(LOOKUP, { query: 'statementson', first: 2 })).customerLookup.hits).toHaveLength(2);
    const nobody = await env.signIn({});
    const refused = await nobody.query(LOOKUP, { query: 'statementson' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const empty = await env.adminClient.query(LOOKUP, { query: '   ' });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOOKUP_QUERY_INVALID', fields: [{ path: 'query' }] });
  });
});
