import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { ShippingService } from './shipping.service.js';

const METHOD = `id zoneId code name carrier minDays maxDays active platformIds rateType position rates { currency min max amount { amount currency decimal } }`;
const ZONE = `id code name members { country region postalPrefix } methods { ${METHOD} }`;
const Q = {
  createZone: `mutation($input: CreateShippingZoneInput!) { createShippingZone(input: $input) { ${ZONE} } }`,
  updateZone: `mutation($input: UpdateShippingZoneInput!) { updateShippingZone(input: $input) { ${ZONE} } }`,
  deleteZone: `mutation($id: ID!) { deleteShippingZone(id: $id) }`,
  createMethod: `mutation($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { ${METHOD} } }`,
  updateMethod: `mutation($input: UpdateShippingMethodInput!) { updateShippingMethod(input: $input) { ${METHOD} } }`,
  deleteMethod: `mutation($id: ID!) { deleteShippingMethod(id: $id) }`,
  zone: `query($id: ID!) { shippingZone(id: $id) { ${ZONE} } }`,
  method: `query($id: ID!) { shippingMethod(id: $id) { ${METHOD} } }`,
  zones: `query($first: Int, $after: String) { shippingZones(first: $first, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } }`,
  zoneFor: `query($d: ShippingDestinationInput!) { shippingZoneFor(destination: $d) { code } }`,
  quote: `query($input: ShippingQuoteInput!) { shippingQuote(input: $input) { zone { code } options { methodId code name carrier price { amount currency } estimate { minDays maxDays } } } }`,
  createPlatform: `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id } }`,
} as const;

interface MethodNode { id: string; code: string; name: string; carrier: string | null; active: boolean; platformIds: string[]; rateType: string; position: number; rates: { currency: string; min: number; max: number | null; amount: { amount: number; currency: string; decimal: string } }[] }
interface ZoneNode { id: string; code: string; name: string; members: { country: string; region: string | null; postalPrefix: string | null }[]; methods: MethodNode[] }
type QuoteData = { shippingQuote: { zone: { code: string } | null; options: { code: string; price: { amount: number; currency: string }; estimate: { minDays: number; maxDays: number } }[] } };

function errorOf(result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) {
  const ext = result.errors?.[0]?.extensions ?? {};
  return { code: ext.code as string | undefined, reason: ext.reason as string | undefined, fields: (ext.fields ?? []) as { path: string; message: string }[] };
}

describe('shipping admin API: zones, methods, rates, zone of a destination, quotes', () => {
  let env: TestEnvironment;
  let reader: GraphQLClient;
  let platformA: string;
  let platformB: string;
  let peninsula: ZoneNode;
  let standard: MethodNode;
  let express: MethodNode;
  beforeAll(async () => {
    env = await createTestEnvironment();
    reader = await env.signIn({ roles: [{ permissions: ['shipping.read'] }] });
    const platform = async (code: string) =>
      (await env.adminClient.data<{ createPlatform: { id: string } }>(Q.createPlatform, { input: { code, name: code, type: 'headless', currency: 'EUR', locale: 'es-ES' } })).createPlatform.id;
    platformA = await platform('ship-web');
    platformB = await platform('ship-store');
  });
  afterAll(() => env?.close());

  const quote = (input: Record<string, unknown>, client: GraphQLClient = reader) =>
    client.data<QuoteData>(Q.quote, { input: { platformId: platformA, currency: 'EUR', destination: { country: 'ES', postalCode: '28001' }, subtotal: 2000, weightGrams: 500, ...input } });

  it('creates zones and methods of every rate type, with field errors and conflicts', async () => {
    peninsula = (await env.adminClient.data<{ createShippingZone: ZoneNode }>(Q.createZone, { input: { code: 'es-peninsula', name: 'Peninsula', members: [{ country: 'ES' }] } })).createShippingZone;
    expect(peninsula).toMatchObject({ code: 'es-peninsula', members: [{ country: 'ES', region: null, postalPrefix: null }], methods: [] });
    expect(errorOf(await env.adminClient.query(Q.createZone, { input: { code: 'es-peninsula', name: 'x', members: [{ country: 'ES' }] } }))).toMatchObject({ code: 'CONFLICT', reason: 'SHIPPING_ZONE_CODE_TAKEN' });

    standard = (await env.adminClient.data<{ createShippingMethod: MethodNode }>(Q.createMethod, {
      input: { zoneId: peninsula.id, code: 'standard', name: 'Standard', carrier: 'Correos', minDays: 2, maxDays: 4, rateType: 'SUBTOTAL', rates: [{ currency: 'eur', min: 0, max: 4999, amount: 495 }, { currency: 'EUR', min: 5000, amount: 0 }] },
    })).createShippingMethod;
    expect(standard).toMatchObject({ code: 'standard', active: true, platformIds: [], rateType: 'SUBTOTAL', position: 0 });
    expect(standard.rates).toEqual([
      { currency: 'EUR', min: 0, max: 4999, amount: { amount: 495, currency: 'EUR', decimal: '4.95' } },
      { currency: 'EUR', min: 5000, max: null, amount: { amount: 0, currency: 'EUR', decimal: '0.00' } },
    ]);
    express = (await env.adminClient.data<{ createShippingMethod: MethodNode }>(Q.createMethod, {
      input: { zoneId: peninsula.id, code: 'express', name: 'Express', minDays: 1, maxDays: 2, rateType: 'FLAT', rates: [{ currency: 'EUR', amount: 995 }] },
    })).createShippingMethod;
    expect(express.position).toBe(1);
    await env.adminClient.data(Q.createMethod, {
      input: { zoneId: peninsula.id, code: 'pallet', name: 'Pallet', minDays: 3, maxDays: 5, rateType: 'WEIGHT', platformIds: [platformB], rates: [{ currency: 'EUR', min: 0, max: 1000, amount: 300 }, { currency: 'EUR', min: 1001, max: 30000, amount: 900 }] },
    });

    const bad = errorOf(
      await env.adminClient.query(Q.createMethod, {
        input: { zoneId: peninsula.id, code: 'Bad', name: '', minDays: 5, maxDays: 2, rateType: 'WEIGHT', rates: [{ currency: 'EURO', amount: -1 }, { currency: 'EUR', min: 0, max: 100, amount: 1 }, { currency: 'EUR', min: 50, amount: 1 }] },
      }),
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHIPPING_METHOD_INPUT_INVALID' });
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['code', 'maxDays', 'name', 'rates.0.amount', 'rates.0.currency', 'rates.2.min']);
    const overlap = errorOf(
      await env.adminClient.query(Q.createMethod, {
        input: { zoneId: peninsula.id, code: 'ok', name: 'x', minDays: 5, maxDays: 2, rateType: 'WEIGHT', rates: [{ currency: 'EUR', min: 0, max: 100, amount: 1 }, { currency: 'EUR', min: 50, amount: 1 }] },
      }),
    );
    expect(overlap.fields.map((f) => f.path).sort()).toEqual(['maxDays', 'rates.1.min']);
    const flatTwice = errorOf(await env.adminClient.query(Q.createMethod, { input: { zoneId: peninsula.id, code: 'ok', name: 'x', minDays: 1, maxDays: 2, rateType: 'FLAT', rates: [{ currency: 'EUR', amount: 1 }, { currency: 'EUR', amount: 2 }] } }));
    expect(flatTwice.fields).toEqual([{ path: 'rates.1.currency', message: 'has a FLAT rate already' }]);
    expect(errorOf(await env.adminClient.query(Q.createMethod, { input: { zoneId: peninsula.id, code: 'express', name: 'x', minDays: 1, maxDays: 2, rateType: 'FLAT', rates: [{ currency: 'EUR', amount: 1 }] } }))).toMatchObject({ code: 'CONFLICT', reason: 'SHIPPING_METHOD_CODE_TAKEN' });
    expect(errorOf(await env.adminClient.query(Q.createMethod, { input: { zoneId: peninsula.id, code: 'ok', name: 'x', minDays: 1, maxDays: 2, rateType: 'FLAT', platformIds: [platformA, 'plt_nope'], rates: [{ currency: 'EUR', amount: 1 }] } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'platformIds.1', message: 'does not exist' }] });
    expect(errorOf(await env.adminClient.query(Q.createMethod, { input: { zoneId: 'shz_nope', code: 'ok', name: 'x', minDays: 1, maxDays: 2, rateType: 'FLAT', rates: [{ currency: 'EUR', amount: 1 }] } }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHIPPING_ZONE_NOT_FOUND', fields: [{ path: 'zoneId' }] });
  });

  it('quotes through the zone of the destination: bands, free shipping, platforms, estimates', async () => {
    const canarias = (await env.adminClient.data<{ createShippingZone: ZoneNode }>(Q.createZone, { input: { code: 'es-canarias', name: 'Canarias', members: [{ country: 'ES', region: 'CN' }, { country: 'ES', postalPrefix: '35' }, { country: 'ES', postalPrefix: '38' }] } })).createShippingZone;
    await env.adminClient.data(Q.createMethod, { input: { zoneId: canarias.id, code: 'standard', name: 'Canarias', minDays: 5, maxDays: 8, rateType: 'FLAT', rates: [{ currency: 'EUR', amount: 1495 }] } });

    const zoneOf = async (d: Record<string, string>) => (await reader.data<{ shippingZoneFor: { code: string } | null }>(Q.zoneFor, { d })).shippingZoneFor?.code ?? null;
    expect(await zoneOf({ country: 'ES', postalCode: '08001' })).toBe('es-peninsula');
    expect(await zoneOf({ country: 'ES', postalCode: '38001' })).toBe('es-canarias');
    expect(await zoneOf({ country: 'ES', region: 'ES-CN' })).toBe('es-canarias');
    expect(await zoneOf({ country: 'FR' })).toBeNull();

    const cheap = (await quote({ subtotal: 4999 })).shippingQuote;
    expect(cheap.zone?.code).toBe('es-peninsula');
    expect(cheap.options.map((o) => [o.code, o.price.amount])).toEqual([['standard', 495], ['express', 995]]);
    expect(cheap.options[0]!.estimate).toEqual({ minDays: 2, maxDays: 4 });
    expect((await quote({ subtotal: 5000 })).shippingQuote.options.map((o) => [o.code, o.price.amount])).toEqual([['standard', 0], ['express', 995]]);
    // The pallet method is offered on platform B only, and up to 30 kg.
    expect((await quote({ platformId: platformB, weightGrams: 1001 })).shippingQuote.options.map((o) => [o.code, o.price.amount])).toEqual([['standard', 495], ['pallet', 900], ['express', 995]]);
    expect((await quote({ platformId: platformB, weightGrams: 30001 })).shippingQuote.options.map((o) => o.code)).toEqual(['standard', 'express']);
    expect((await quote({ currency: 'USD' })).shippingQuote.options).toEqual([]);
    expect((await quote({ destination: { country: 'ES', postalCode: '35001' } })).shippingQuote.options.map((o) => [o.code, o.price.amount])).toEqual([['standard', 1495]]);
    expect((await quote({ destination: { country: 'FR' } })).shippingQuote).toEqual({ zone: null, options: [] });

    const bad = errorOf(await reader.query(Q.quote, { input: { platformId: platformA, currency: 'EURO', destination: { country: 'Spain' }, subtotal: -1, weightGrams: 0 } }));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHIPPING_QUOTE_INVALID' });
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['currency', 'destination.country', 'subtotal']);
  });

  it('edits and deletes methods and zones; quotes follow at once (cache invalidated on commit)', async () => {
    const service = env.plaza.container.resolve(ShippingService);
    const ctx = env.plaza.systemCtx();
    const input = { platformId: platformA, currency: 'EUR', destination: { country: 'ES' }, subtotal: 100, weightGrams: 0 };
    expect((await service.quote(ctx, input)).quotes.map((q) => q.code)).toEqual(['standard', 'express']);

    const edited = (await env.adminClient.data<{ updateShippingMethod: MethodNode }>(Q.updateMethod, { input: { id: express.id, name: 'Express 24h', carrier: 'SEUR', rates: [{ currency: 'EUR', amount: 300 }] } })).updateShippingMethod;
    expect(edited).toMatchObject({ name: 'Express 24h', carrier: 'SEUR', rateType: 'FLAT' });
    expect((await service.quote(ctx, input)).quotes.map((q) => [q.code, q.amount])).toEqual([['express', 300], ['standard', 495]]);

    expect(errorOf(await env.adminClient.query(Q.updateMethod, { input: { id: express.id, rateType: 'WEIGHT' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'rates' }] });
    expect(errorOf(await env.adminClient.query(Q.updateMethod, { input: { id: express.id, rateType: 'WEIGHT', rates: [{ currency: 'EUR', min: 0, amount: 1 }, { currency: 'EUR', min: 0, amount: 2 }] } })).fields).toEqual([{ path: 'rates.1.min', message: 'overlaps another band of the same currency' }]);
    expect(errorOf(await env.adminClient.query(Q.updateMethod, { input: { id: express.id, minDays: 9 } })).fields).toEqual([{ path: 'maxDays', message: 'must be at least minDays' }]);

    await env.adminClient.data(Q.updateMethod, { input: { id: express.id, active: false } });
    expect((await service.quote(ctx, input)).quotes.map((q) => q.code)).toEqual(['standard']);
    await env.adminClient.data(Q.updateMethod, { input: { id: standard.id, platformIds: [platformB] } });
    expect((await service.quote(ctx, input)).quotes).toEqual([]);

    expect((await env.adminClient.data<{ deleteShippingMethod: string }>(Q.deleteMethod, { id: express.id })).deleteShippingMethod).toBe(express.id);
    expect(errorOf(await env.adminClient.query(Q.method, { id: express.id })).code).toBe('NOT_FOUND');

    const renamed = (await env.adminClient.data<{ updateShippingZone: ZoneNode }>(Q.updateZone, { input: { id: peninsula.id, name: 'Spain mainland', members: [{ country: 'ES' }, { country: 'AD' }] } })).updateShippingZone;
    expect(renamed.members.map((m) => m.country)).toEqual(['ES', 'AD']);
    expect((await service.resolveZone(ctx, { country: 'AD' }))?.code).toBe('es-peninsula');

    type Page = { shippingZones: { edges: { node: { code: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const p1 = await reader.data<Page>(Q.zones, { first: 1 });
    expect(p1.shippingZones.edges.map((e) => e.node.code)).toEqual(['es-canarias']);
    const p2 = await reader.data<Page>(Q.zones, { first: 1, after: p1.shippingZones.pageInfo.endCursor });
    expect(p2.shippingZones.edges.map((e) => e.node.code)).toEqual(['es-peninsula']);

    expect((await env.adminClient.data<{ deleteShippingZone: string }>(Q.deleteZone, { id: peninsula.id })).deleteShippingZone).toBe(peninsula.id);
    expect(await env.plaza.db('shipping_method').where('zone_id', peninsula.id).first()).toBeUndefined();
    expect(await service.resolveZone(ctx, { country: 'AD' })).toBeNull();

    const audit = (await env.plaza.db('audit_entry').where('entity_id', express.id).orderBy('id').select('action')) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['shipping_method.created', 'shipping_method.updated', 'shipping_method.updated', 'shipping_method.deleted']);
    const events = (await env.plaza.db('plaza_outbox').where('name', 'like', 'shipping_zone.%').select('name')) as { name: string }[];
    expect(events.map((e) => e.name).sort()).toEqual(['shipping_zone.created', 'shipping_zone.created', 'shipping_zone.deleted', 'shipping_zone.updated']);
  });

  it('checks permissions in the service: shipping.read reads, shipping.manage writes', async () => {
    expect(errorOf(await env.limitedAdminClient.query(Q.zones, {}))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(errorOf(await env.limitedAdminClient.query(Q.quote, { input: { platformId: platformA, currency: 'EUR', destination: { country: 'ES' }, subtotal: 0, weightGrams: 0 } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await env.anonymousAdminClient.query(Q.zones, {})).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await reader.query(Q.createZone, { input: { code: 'fr', name: 'France', members: [{ country: 'FR' }] } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    const manager = await env.signIn({ roles: [{ permissions: ['shipping.read', 'shipping.manage'] }] });
    expect((await manager.data<{ createShippingZone: ZoneNode }>(Q.createZone, { input: { code: 'fr', name: 'France', members: [{ country: 'FR' }] } })).createShippingZone.code).toBe('fr');
  });

  it('demo seed: peninsula standard 4.95 (free from 50.00) and express 9.95; Canarias 14.95', async () => {
    await env.plaza.db('shipping_zone').delete();
    await env.plaza.seed({ demo: true });
    const service = env.plaza.container.resolve(ShippingService);
    const ctx = env.plaza.systemCtx();
    const ask = (postalCode: string, subtotal: number) => service.quote(ctx, { platformId: platformA, currency: 'EUR', destination: { country: 'ES', postalCode }, subtotal, weightGrams: 1000 });
    expect((await ask('28001', 4999)).quotes.map((q) => [q.code, q.amount])).toEqual([['standard', 495], ['express', 995]]);
    expect((await ask('28001', 5000)).quotes.map((q) => [q.code, q.amount])).toEqual([['standard', 0], ['express', 995]]);
    expect((await ask('38001', 5000)).quotes.map((q) => [q.code, q.amount, q.estimate.minDays])).toEqual([['standard', 1495, 5]]);
  });
});
