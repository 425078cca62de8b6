import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../../testing/index.js';
import { ClockToken } from './location.tokens.js';
import { CREATE_LOCATION, DEACTIVATE_LOCATION, LOCATION, LOCATIONS, STORE_HOURS, UPDATE_LOCATION, storeInput } from './__tests__/locations-queries.js';

type Location = { id: string; code: string; status: string; type: string; timeZone: string; address: Record<string, unknown> | null; latitude: number | null; longitude: number | null; openingHours: { weekly: { day: string }[]; exceptions: { date: string; closed: boolean }[] } | null; updatedAt: string };
type Errorish = { errors?: { extensions?: Record<string, unknown> }[] };

describe('stock locations: admin CRUD', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
    // Wednesday 3 June 2026, 12:00 in Madrid.
    env.plaza.container.register(ClockToken, { useValue: { now: () => new Date('2026-06-03T10:00:00Z') } });
  });
  afterAll(() => env?.close());

  const create = (input: Record<string, unknown>) => env.adminClient.data<{ createStockLocation: Location }>(CREATE_LOCATION, { input });
  const fieldsOf = (r: Errorish) => (r.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

  it('creates, reads, edits and deactivates a store, normalising what it can', async () => {
    const { createStockLocation: store } = await create(storeInput('gran-via', { timeZone: 'europe/madrid' }));
    expect(store).toMatchObject({ code: 'gran-via', type: 'STORE', status: 'ACTIVE', timeZone: 'Europe/Madrid', latitude: 40.4202, longitude: -3.7046, shipFromEnabled: true });
    expect(store.address).toEqual({ line1: 'Gran Vía 32', line2: null, city: 'Madrid', region: null, postalCode: '28013', country: 'ES' });
    expect(store.openingHours?.weekly.map((w) => w.day)).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
    expect(store).toMatchObject({ openNow: true, closesAt: '2026-06-03T19:00:00.000Z', nextOpensAt: '2026-06-04T08:00:00.000Z', pickupReadyAt: '2026-06-03T10:30:00.000Z' });
    expect(store.openingHours?.exceptions).toEqual([{ date: '2026-12-25', closed: true, note: 'Navidad', intervals: [] }]);

    const { stockLocation } = await env.adminClient.data<{ stockLocation: Location }>(LOCATION, { id: store.id });
    expect(stockLocation).toEqual(store);

    // Saving the same values changes nothing (no update, no audit entry).
    const same = await env.adminClient.data<{ updateStockLocation: Location }>(UPDATE_LOCATION, { input: { id: store.id, openingHours: STORE_HOURS, address: { line1: 'Gran Vía 32', city: 'Madrid', postalCode: '28013', country: 'ES' } } });
    expect(same.updateStockLocation.updatedAt).toBe(store.updatedAt);

    const { updateStockLocation } = await env.adminClient.data<{ updateStockLocation: Location }>(UPDATE_LOCATION, { input: { id: store.id, name: 'Gran Vía 32', latitude: null, longitude: null, openingHours: null } });
    expect(updateStockLocation).toMatchObject({ latitude: null, longitude: null, openingHours: null, code: 'gran-via' });

    const { deactivateStockLocation } = await env.adminClient.data<{ deactivateStockLocation: Location }>(DEACTIVATE_LOCATION, { id: store.id });
    expect(deactivateStockLocation.status).toBe('INACTIVE');
    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string } }[] } }>('query($id: String) { auditLog(filter: { entityId: $id }) { edges { node { action } } } }', { id: store.id });
    expect(audit.auditLog.edges.map((e) => e.node.action).sort()).toEqual(['stock_location.created', 'stock_location.updated', 'stock_location.updated']);
  });

  it('answers field errors for bad input, and CONFLICT for a taken code', async () => {
    const bad = await env.adminClient.query(CREATE_LOCATION, {
      input: storeInput('Bad Code', {
        timeZone: 'Europe/Madird',
        latitude: 91,
        address: { line1: '', city: 'Madrid', country: 'XX' },
        preparationMinutes: -5,
        openingHours: { weekly: [{ day: 'MONDAY', intervals: [{ opens: '25:00', closes: '21:00' }] }, { day: 'MONDAY', intervals: [] }], exceptions: [{ date: '2026-02-30' }] },
      }),
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCATION_INPUT_INVALID' });
    expect(fieldsOf(bad)).toEqual(
      expect.arrayContaining(['code', 'timeZone', 'latitude', 'address.line1', 'address.country', 'preparationMinutes', 'openingHours.weekly.0.intervals.0.opens', 'openingHours.weekly.1.day', 'openingHours.exceptions.0.date']),
    );
    const pair = await env.adminClient.query(CREATE_LOCATION, { input: storeInput('half-point', { longitude: null }) });
    expect(fieldsOf(pair)).toEqual(['longitude']);
    const overlap = await env.adminClient.query(CREATE_LOCATION, { input: storeInput('overlap', { openingHours: { weekly: [{ day: 'MONDAY', intervals: [{ opens: '10:00', closes: '14:00' }, { opens: '13:00', closes: '20:00' }] }] } }) });
    expect(fieldsOf(overlap)).toEqual(['openingHours.weekly.0.intervals.1.opens']);

    await create(storeInput('taken'));
    const taken = await env.adminClient.query(CREATE_LOCATION, { input: storeInput('taken') });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LOCATION_CODE_TAKEN', fields: [{ path: 'code' }] });
    const other = (await create(storeInput('other'))).createStockLocation;
    const renamed = await env.adminClient.query(UPDATE_LOCATION, { input: { id: other.id, code: 'taken' } });
    expect(renamed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LOCATION_CODE_TAKEN' });
    const nulled = await env.adminClient.query(UPDATE_LOCATION, { input: { id: other.id, name: null } });
    expect(fieldsOf(nulled)).toEqual(['name']);
    const missing = await env.adminClient.query(UPDATE_LOCATION, { input: { id: 'loc_nope', name: 'x' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists by code with filters and cursors', async () => {
    await create(storeInput('list-a-warehouse', { type: 'WAREHOUSE', pickupEnabled: false, name: 'North Warehouse' }));
    await create(storeInput('list-b-store', { name: 'Callao Store' }));
    await create(storeInput('list-c-dark', { type: 'DARK_STORE', pickupEnabled: false, status: 'INACTIVE' }));
    type Page = { stockLocations: { edges: { node: { code: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const codes = (p: Page) => p.stockLocations.edges.map((e) => e.node.code);
    const first = await env.adminClient.data<Page>(LOCATIONS, { first: 2, filter: { query: 'list-' } });
    expect(codes(first)).toEqual(['list-a-warehouse', 'list-b-store']);
    expect(first.stockLocations.pageInfo.hasNextPage).toBe(true);
    const second = await env.adminClient.data<Page>(LOCATIONS, { first: 2, after: first.stockLocations.pageInfo.endCursor, filter: { query: 'list-' } });
    expect(codes(second)).toEqual(['list-c-dark']);
    expect(codes(await env.adminClient.data<Page>(LOCATIONS, { filter: { query: 'list-', type: 'WAREHOUSE' } }))).toEqual(['list-a-warehouse']);
    expect(codes(await env.adminClient.data<Page>(LOCATIONS, { filter: { query: 'list-', status: 'INACTIVE' } }))).toEqual(['list-c-dark']);
    expect(codes(await env.adminClient.data<Page>(LOCATIONS, { filter: { query: 'list-', pickupEnabled: true } }))).toEqual(['list-b-store']);
    expect(codes(await env.adminClient.data<Page>(LOCATIONS, { filter: { query: 'CALLAO' } }))).toEqual(['list-b-store']);
  });

  it('checks permissions: read needs locations.read, creating needs an unscoped locations.manage', async () => {
    expect((await env.limitedAdminClient.query(LOCATIONS, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reader = await env.signIn({ roles: [{ permissions: ['locations.read'] }] });
    expect((await reader.query(CREATE_LOCATION, { input: storeInput('reader-made') })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect((await env.anonymousAdminClient.query(LOCATIONS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(STORE_HOURS.weekly).toHaveLength(7);
  });
});
