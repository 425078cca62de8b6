import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { TaxService } from './tax.service.js';

const ZONE = `id code name members { country region postalPrefix } rates { category rateBasisPoints name }`;
const Q = {
  create: `mutation($input: CreateTaxZoneInput!) { createTaxZone(input: $input) { ${ZONE} } }`,
  update: `mutation($input: UpdateTaxZoneInput!) { updateTaxZone(input: $input) { ${ZONE} } }`,
  del: `mutation($id: ID!) { deleteTaxZone(id: $id) }`,
  get: `query($id: ID!) { taxZone(id: $id) { ${ZONE} } }`,
  list: `query($first: Int, $after: String) { taxZones(first: $first, after: $after) { edges { node { id code } } pageInfo { hasNextPage endCursor } } }`,
  zoneFor: `query($d: TaxDestinationInput!) { taxZoneFor(destination: $d) { code } }`,
  preview: `query($input: TaxPreviewInput!) { taxPreview(input: $input) { zone { code } currency pricesIncludeTax
    lines { key taxCategory rateBasisPoints net tax gross } breakdown { category rateBasisPoints name net tax gross } totals { net tax gross } } }`,
} as const;

interface ZoneNode { id: string; code: string; name: string; members: { country: string; region: string | null; postalPrefix: string | null }[]; rates: { category: string; rateBasisPoints: number; name: string }[] }

function errorOf(result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) {
  const ext = result.errors?.[0]?.extensions ?? {};
  return { code: ext.code as string | undefined, reason: ext.reason as string | undefined, fields: (ext.fields ?? []) as { path: string; message: string }[] };
}

const spainRates = [
  { category: 'STANDARD', rateBasisPoints: 2100, name: 'IVA 21 %' },
  { category: 'REDUCED', rateBasisPoints: 1000 },
  { category: 'SUPER_REDUCED', rateBasisPoints: 400 },
  { category: 'ZERO', rateBasisPoints: 0 },
];

describe('tax admin API: zones, rates, zone of a destination, preview', () => {
  let env: TestEnvironment;
  let reader: GraphQLClient;
  let spain: ZoneNode;
  beforeAll(async () => {
    env = await createTestEnvironment();
    reader = await env.signIn({ roles: [{ permissions: ['tax.read'] }] });
  });
  afterAll(() => env?.close());

  it('creates, reads, edits, lists and deletes zones, with field errors and code conflicts', async () => {
    spain = (await env.adminClient.data<{ createTaxZone: ZoneNode }>(Q.create, { input: { code: 'es', name: 'Spain', members: [{ country: 'es' }], rates: spainRates } })).createTaxZone;
    expect(spain.id).toMatch(/^txz_/);
    expect(spain.members).toEqual([{ country: 'ES', region: null, postalPrefix: null }]);
    expect(spain.rates).toEqual([
      { category: 'STANDARD', rateBasisPoints: 2100, name: 'IVA 21 %' },
      { category: 'REDUCED', rateBasisPoints: 1000, name: 'Reduced 10 %' },
      { category: 'SUPER_REDUCED', rateBasisPoints: 400, name: 'Super-reduced 4 %' },
      { category: 'ZERO', rateBasisPoints: 0, name: 'Zero 0 %' },
    ]);

    const bad = errorOf(
      await env.adminClient.query(Q.create, {
        input: { code: 'Bad Code', name: ' ', members: [{ country: 'Spain' }, { country: 'FR', region: 'x y' }], rates: [{ category: 'STANDARD', rateBasisPoints: 10001 }, { category: 'STANDARD', rateBasisPoints: 5 }] },
      }),
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TAX_ZONE_INPUT_INVALID' });
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['code', 'members.0.country', 'members.1.region', 'name', 'rates.0.rateBasisPoints', 'rates.1.category']);
    expect(errorOf(await env.adminClient.query(Q.create, { input: { code: 'es', name: 'x', members: [{ country: 'ES' }] } }))).toMatchObject({ code: 'CONFLICT', reason: 'TAX_ZONE_CODE_TAKEN', fields: [{ path: 'code' }] });
    expect(errorOf(await env.adminClient.query(Q.create, { input: { code: 'empty', name: 'x', members: [] } })).fields).toEqual([{ path: 'members', message: 'must list at least one country' }]);

    const canarias = (await env.adminClient.data<{ createTaxZone: ZoneNode }>(Q.create, {
      input: { code: 'es-canarias', name: 'Canarias', members: [{ country: 'ES', region: 'ES-CN' }, { country: 'ES', postalPrefix: '35' }], rates: [{ category: 'STANDARD', rateBasisPoints: 0 }] },
    })).createTaxZone;
    expect(canarias.members[0]).toEqual({ country: 'ES', region: 'CN', postalPrefix: null });
    const pt = (await env.adminClient.data<{ createTaxZone: ZoneNode }>(Q.create, { input: { code: 'pt', name: 'Portugal', members: [{ country: 'PT' }] } })).createTaxZone;

    const updated = (await env.adminClient.data<{ updateTaxZone: ZoneNode }>(Q.update, {
      input: { id: canarias.id, name: 'Canary Islands', members: [{ country: 'ES', region: 'CN' }, { country: 'ES', postalPrefix: '35' }, { country: 'ES', postalPrefix: '38' }] },
    })).updateTaxZone;
    expect(updated).toMatchObject({ name: 'Canary Islands', code: 'es-canarias' });
    expect(updated.members).toHaveLength(3);
    expect(updated.rates).toHaveLength(1);
    expect(errorOf(await env.adminClient.query(Q.update, { input: { id: pt.id, code: 'es' } }))).toMatchObject({ code: 'CONFLICT', reason: 'TAX_ZONE_CODE_TAKEN' });
    expect(errorOf(await env.adminClient.query(Q.update, { input: { id: 'txz_nope', name: 'x' } })).code).toBe('NOT_FOUND');

    type Page = { taxZones: { edges: { node: { code: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const p1 = await env.adminClient.data<Page>(Q.list, { first: 2 });
    expect(p1.taxZones.edges.map((e) => e.node.code)).toEqual(['es', 'es-canarias']);
    expect(p1.taxZones.pageInfo.hasNextPage).toBe(true);
    const p2 = await env.adminClient.data<Page>(Q.list, { first: 2, after: p1.taxZones.pageInfo.endCursor });
    expect(p2.taxZones.edges.map((e) => e.node.code)).toEqual(['pt']);
    expect(p2.taxZones.pageInfo.hasNextPage).toBe(false);

    expect((await env.adminClient.data<{ deleteTaxZone: string }>(Q.del, { id: pt.id })).deleteTaxZone).toBe(pt.id);
    expect(errorOf(await env.adminClient.query(Q.get, { id: pt.id })).code).toBe('NOT_FOUND');
    expect(await env.plaza.db('tax_rate').where('zone_id', pt.id).first()).toBeUndefined();

    const audit = (await env.plaza.db('audit_entry').where('entity_id', canarias.id).orderBy('id').select('action')) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['tax_zone.created', 'tax_zone.updated']);
    const events = (await env.plaza.db('plaza_outbox').where('name', 'like', 'tax_zone.%').select('name')) as { name: string }[];
    expect(events.map((e) => e.name).sort()).toEqual(['tax_zone.created', 'tax_zone.created', 'tax_zone.created', 'tax_zone.deleted', 'tax_zone.updated']);
  });

  it('resolves the zone of a destination: most specific member wins', async () => {
    const zoneOf = async (d: Record<string, string>) => (await reader.data<{ taxZoneFor: { code: string } | null }>(Q.zoneFor, { d })).taxZoneFor?.code ?? null;
    expect(await zoneOf({ country: 'ES', postalCode: '28001' })).toBe('es');
    expect(await zoneOf({ country: 'es', postalCode: '38 001' })).toBe('es-canarias');
    expect(await zoneOf({ country: 'ES', region: 'CN' })).toBe('es-canarias');
    expect(await zoneOf({ country: 'PT' })).toBeNull();
    expect(errorOf(await reader.query(Q.zoneFor, { d: { country: 'Spain' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'destination.country' }] });
  });

  it('previews tax per line with totals that add up, and sees rate changes at once (cache invalidated on commit)', async () => {
    const input = {
      pricesIncludeTax: true,
      currency: 'eur',
      destination: { country: 'ES', postalCode: '28001' },
      lines: [
        { key: 'shirt', amount: 1995, quantity: 1 },
        { key: 'bread', amount: 330, quantity: 3, taxCategory: 'REDUCED' },
        { key: 'book', amount: 1500, quantity: 1, taxCategory: 'SUPER_REDUCED' },
      ],
    };
    type Preview = { taxPreview: { zone: { code: string } | null; lines: { key: string; net: number; tax: number; gross: number }[]; breakdown: { rateBasisPoints: number; tax: number }[]; totals: { net: number; tax: number; gross: number } } };
    const first = (await reader.data<Preview>(Q.preview, { input })).taxPreview;
    expect(first.zone?.code).toBe('es');
    expect(first.lines.map((l) => [l.key, l.net, l.tax, l.gross])).toEqual([
      ['shirt', 1649, 346, 1995],
      ['bread', 300, 30, 330],
      ['book', 1442, 58, 1500],
    ]);
    expect(first.totals).toEqual({ net: 3391, tax: 434, gross: 3825 });
    expect(first.breakdown.map((b) => [b.rateBasisPoints, b.tax])).toEqual([[2100, 346], [1000, 30], [400, 58]]);

    const canarias = (await reader.data<Preview>(Q.preview, { input: { ...input, destination: { country: 'ES', postalCode: '35001' } } })).taxPreview;
    expect(canarias.zone?.code).toBe('es-canarias');
    // Canarias has a 0 % standard rate and no other rates: nothing is taxed.
    expect(canarias.totals).toEqual({ net: 3825, tax: 0, gross: 3825 });

    // Warm the cache, change the rate, read again.
    const tax = env.plaza.container.resolve(TaxService);
    const ctx = env.plaza.systemCtx();
    await tax.compute(ctx, { ...input, currency: 'EUR', lines: [{ key: 'x', amount: 10000, quantity: 1, taxCategory: 'standard' }], pricesIncludeTax: false });
    await env.adminClient.data(Q.update, { input: { id: spain.id, rates: [{ category: 'STANDARD', rateBasisPoints: 2000 }] } });
    const after = await tax.compute(ctx, { currency: 'EUR', pricesIncludeTax: false, destination: { country: 'ES' }, lines: [{ key: 'x', amount: 10000, quantity: 1 }] });
    expect(after.lines[0]).toMatchObject({ rateBp: 2000, tax: 2000, gross: 12000 });
    expect(after.zone?.code).toBe('es');

    const bad = errorOf(await reader.query(Q.preview, { input: { ...input, currency: 'EURO', lines: [{ key: 'a', amount: 100, quantity: 1 }, { key: '', amount: 100, quantity: -1 }] } }));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TAX_INPUT_INVALID' });
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['currency', 'lines.1.key', 'lines.1.quantity']);
  });

  it('checks permissions in the service: tax.read reads, tax.manage writes, anonymous must sign in', async () => {
    expect(errorOf(await env.limitedAdminClient.query(Q.list, {}))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(errorOf(await env.limitedAdminClient.query(Q.zoneFor, { d: { country: 'ES' } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await env.anonymousAdminClient.query(Q.list, {})).code).toBe('UNAUTHENTICATED');
    expect((await reader.data<{ taxZone: ZoneNode }>(Q.get, { id: spain.id })).taxZone.code).toBe('es');
    expect(errorOf(await reader.query(Q.update, { input: { id: spain.id, name: 'mine' } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(errorOf(await reader.query(Q.create, { input: { code: 'fr', name: 'France', members: [{ country: 'FR' }] } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    const manager = await env.signIn({ roles: [{ permissions: ['tax.read', 'tax.manage'] }] });
    expect((await manager.data<{ updateTaxZone: ZoneNode }>(Q.update, { input: { id: spain.id, name: 'Spain (IVA)' } })).updateTaxZone.name).toBe('Spain (IVA)');
  });

  it('demo seed: Spain 21/10/4/0 and the Canaries at 0 %', async () => {
    await env.plaza.db('tax_zone').delete();
    await env.plaza.seed({ demo: true });
    const tax = env.plaza.container.resolve(TaxService);
    const ctx = env.plaza.systemCtx();
    const line = (taxCategory: 'standard' | 'reduced' | 'super_reduced' | 'zero') => ({ key: taxCategory, amount: 10000, quantity: 1, taxCategory });
    const lines = [line('standard'), line('reduced'), line('super_reduced'), line('zero')];
    const madrid = await tax.compute(ctx, { currency: 'EUR', pricesIncludeTax: false, destination: { country: 'ES', postalCode: '28001' }, lines });
    expect(madrid.lines.map((l) => l.tax)).toEqual([2100, 1000, 400, 0]);
    const tenerife = await tax.compute(ctx, { currency: 'EUR', pricesIncludeTax: false, destination: { country: 'ES', postalCode: '38001' }, lines });
    expect(tenerife.zone?.code).toBe('es-canarias');
    expect(tenerife.totals.tax).toBe(0);
  });
});
