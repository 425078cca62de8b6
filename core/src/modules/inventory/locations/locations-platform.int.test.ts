import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../../testing/index.js';
import { ClockToken } from './location.tokens.js';
import {
  CHANNEL_LOCATIONS,
  CREATE_KEY,
  CREATE_LOCATION,
  CREATE_PLATFORM,
  DEACTIVATE_LOCATION,
  NEARBY,
  PLATFORM_WITH_LOCATIONS,
  SET_PLATFORM_LOCATIONS,
  UPDATE_LOCATION,
  storeInput,
} from './__tests__/locations-queries.js';

type Link = { platformId: string; position: number; safetyStock: number; location: { id: string; code: string } };
type ChannelLocation = { id: string; code: string; openNow: boolean; closesAt: string | null; nextOpensAt: string | null; pickupReadyAt: string | null };
type Nearby = { nearbyLocations: { distanceKm: number; location: { code: string; pickupReadyAt: string | null } }[] };

// Real Madrid places (Puerta del Sol is the origin of Spain's road distances).
const SOL = { latitude: 40.416775, longitude: -3.70379 };
const PLACES = {
  'gran-via': { latitude: 40.4202, longitude: -3.7046 },
  salamanca: { latitude: 40.4275, longitude: -3.687 },
  chamberi: { latitude: 40.4326, longitude: -3.7025 },
  barcelona: { latitude: 41.387015, longitude: 2.170047 },
};

describe('platform locations, the channel API and nearby search', () => {
  let env: TestEnvironment;
  let now = new Date('2026-06-03T10:00:00Z'); // Wednesday 12:00 in Madrid
  let platformId: string;
  let channel: GraphQLClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnvironment();
    env.plaza.container.register(ClockToken, { useValue: { now: () => now } });
    const { createPlatform } = await env.adminClient.data<{ createPlatform: { id: string } }>(CREATE_PLATFORM, { input: { code: 'web-test', name: 'Web', type: 'headless', currency: 'EUR', locale: 'es-ES' } });
    platformId = createPlatform.id;
    channel = env.channelClient((await env.adminClient.data<{ createPlatformKey: { secret: string } }>(CREATE_KEY, { platformId })).createPlatformKey.secret);
    for (const [code, point] of Object.entries(PLACES)) {
      const input = storeInput(code, { ...point, preparationMinutes: code === 'salamanca' ? 45 : 30, pickupEnabled: code !== 'chamberi' });
      ids[code] = (await env.adminClient.data<{ createStockLocation: { id: string } }>(CREATE_LOCATION, { input })).createStockLocation.id;
    }
    ids.warehouse = (await env.adminClient.data<{ createStockLocation: { id: string } }>(CREATE_LOCATION, { input: storeInput('warehouse', { type: 'WAREHOUSE', latitude: null, longitude: null, openingHours: null, pickupEnabled: false }) })).createStockLocation.id;
  });
  afterAll(() => env?.close());

  const setLinks = (locations: { locationId: string; safetyStock?: number }[]) => env.adminClient.data<{ setPlatformLocations: Link[] }>(SET_PLATFORM_LOCATIONS, { platformId, locations });
  const channelCodes = async (pickupOnly?: boolean) => (await channel.data<{ stockLocations: ChannelLocation[] }>(CHANNEL_LOCATIONS, { pickupOnly })).stockLocations.map((l) => l.code);

  it('replaces the ordered list with safety stock, shows it on the platform, and validates it', async () => {
    const { setPlatformLocations } = await setLinks([{ locationId: ids.warehouse! }, { locationId: ids.salamanca!, safetyStock: 2 }, { locationId: ids['gran-via']!, safetyStock: 1 }]);
    expect(setPlatformLocations.map((l) => [l.location.code, l.position, l.safetyStock])).toEqual([['warehouse', 0, 0], ['salamanca', 1, 2], ['gran-via', 2, 1]]);
    const { platform } = await env.adminClient.data<{ platform: { locations: Link[] } }>(PLATFORM_WITH_LOCATIONS, { id: platformId });
    expect(platform.locations.map((l) => l.location.code)).toEqual(['warehouse', 'salamanca', 'gran-via']);

    const bad = await env.adminClient.query(SET_PLATFORM_LOCATIONS, { platformId, locations: [{ locationId: ids.salamanca, safetyStock: -1 }, { locationId: 'loc_nope' }, { locationId: ids.salamanca }] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'locations.0.safetyStock' }] });
    const dup = await env.adminClient.query(SET_PLATFORM_LOCATIONS, { platformId, locations: [{ locationId: ids.salamanca }, { locationId: ids.salamanca }] });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'locations.1.locationId' }] });
    const unknown = await env.adminClient.query(SET_PLATFORM_LOCATIONS, { platformId, locations: [{ locationId: ids.salamanca }, { locationId: 'loc_nope' }] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCATION_UNKNOWN', fields: [{ path: 'locations.1.locationId' }] });
    const noPlatform = await env.adminClient.query(SET_PLATFORM_LOCATIONS, { platformId: 'plat_nope', locations: [] });
    expect(noPlatform.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Nothing of the refused writes stuck.
    expect((await env.adminClient.data<{ platform: { locations: Link[] } }>(PLATFORM_WITH_LOCATIONS, { id: platformId })).platform.locations).toHaveLength(3);
  });

  it('shows the change on the channel API right after it (the cache is invalidated on commit)', async () => {
    await setLinks([{ locationId: ids['gran-via']! }, { locationId: ids.salamanca! }]);
    expect(await channelCodes()).toEqual(['gran-via', 'salamanca']); // now cached
    await setLinks([{ locationId: ids.salamanca! }, { locationId: ids['gran-via']! }, { locationId: ids.chamberi! }, { locationId: ids.warehouse! }]);
    expect(await channelCodes()).toEqual(['salamanca', 'gran-via', 'chamberi', 'warehouse']);
    expect(await channelCodes(true)).toEqual(['salamanca', 'gran-via']);
    await env.adminClient.data(DEACTIVATE_LOCATION, { id: ids.chamberi });
    expect(await channelCodes()).toEqual(['salamanca', 'gran-via', 'warehouse']);
    await env.adminClient.data(UPDATE_LOCATION, { input: { id: ids.chamberi, status: 'ACTIVE', pickupEnabled: true } });
    expect(await channelCodes(true)).toEqual(['salamanca', 'gran-via', 'chamberi']);
    const events = await env.adminClient.data<{ auditLog: { edges: unknown[] } }>('query($id: String) { auditLog(filter: { entityId: $id, action: "platform.locations_changed" }) { edges { cursor } } }', { id: platformId });
    expect(events.auditLog.edges.length).toBeGreaterThanOrEqual(3);
  });

  it('answers opening state and pickup readiness with the bound clock, in the location time zone', async () => {
    const byCode = async () => Object.fromEntries((await channel.data<{ stockLocations: ChannelLocation[] }>(CHANNEL_LOCATIONS, {})).stockLocations.map((l) => [l.code, l]));
    now = new Date('2026-06-03T10:00:00Z'); // 12:00 CEST
    let l = await byCode();
    expect(l.salamanca).toMatchObject({ openNow: true, closesAt: '2026-06-03T19:00:00.000Z', pickupReadyAt: '2026-06-03T10:45:00.000Z' });
    expect(l.warehouse).toMatchObject({ openNow: true, closesAt: null, pickupReadyAt: null });
    now = new Date('2026-06-03T18:30:00Z'); // 20:30 CEST: closes before 45 min of preparation
    l = await byCode();
    expect(l.salamanca).toMatchObject({ openNow: true, nextOpensAt: '2026-06-04T08:00:00.000Z', pickupReadyAt: '2026-06-04T08:45:00.000Z' });
    now = new Date('2026-12-24T22:00:00Z'); // Christmas Eve 23:00 CET; Christmas Day closed
    l = await byCode();
    expect(l['gran-via']).toMatchObject({ openNow: false, nextOpensAt: '2026-12-26T09:00:00.000Z', pickupReadyAt: '2026-12-26T09:30:00.000Z' });
    now = new Date('2026-06-03T10:00:00Z');
  });

  it('finds the nearest active locations with distances, radius, pickup filter and an origin location', async () => {
    const { nearbyLocations } = await channel.data<Nearby>(NEARBY, { near: SOL });
    // Gran Vía 0.39 km, Chamberí 1.76 km, Salamanca 1.86 km; the warehouse has no coordinates.
    expect(nearbyLocations.map((n) => [n.location.code, Math.round(n.distanceKm * 100) / 100])).toEqual([['gran-via', 0.39], ['chamberi', 1.76], ['salamanca', 1.86]]);
    expect(nearbyLocations[0]!.location.pickupReadyAt).toBe('2026-06-03T10:30:00.000Z');
    const near = await channel.data<Nearby>(NEARBY, { near: SOL, radiusKm: 1 });
    expect(near.nearbyLocations.map((n) => n.location.code)).toEqual(['gran-via']);
    expect((await channel.data<Nearby>(NEARBY, { near: SOL, first: 2 })).nearbyLocations).toHaveLength(2);
    // Barcelona is a location but not linked to this platform.
    const fromStore = await channel.data<Nearby>(NEARBY, { locationId: ids.salamanca, pickupOnly: true });
    expect(fromStore.nearbyLocations.map((n) => [n.location.code, Math.round(n.distanceKm * 10) / 10])).toEqual([['salamanca', 0], ['chamberi', 1.4], ['gran-via', 1.7]]);
    await setLinks([{ locationId: ids.barcelona! }, { locationId: ids.salamanca! }]);
    const far = await channel.data<Nearby>(NEARBY, { near: SOL });
    expect(far.nearbyLocations.map((n) => [n.location.code, Math.round(n.distanceKm)])).toEqual([['salamanca', 2], ['barcelona', 505]]);
    const bad = await channel.query(NEARBY, { near: { latitude: 100, longitude: 0 }, radiusKm: -1 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'point.latitude' }, { path: 'radiusKm' }] });
    expect((await channel.query(NEARBY, {})).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await env.channelClient().query(NEARBY, { near: SOL })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('scopes management by location: a manager of one store edits only that store', async () => {
    const manager = await env.signIn({ roles: [{ role: 'store-manager', locationIds: [ids.salamanca!] }] });
    const mine = await manager.data<{ updateStockLocation: { openingHours: { weekly: { day: string }[] } } }>(UPDATE_LOCATION, {
      input: { id: ids.salamanca, openingHours: { weekly: [{ day: 'MONDAY', intervals: [{ opens: '09:00', closes: '20:00' }] }] } },
    });
    expect(mine.updateStockLocation.openingHours.weekly).toEqual([{ day: 'MONDAY', intervals: [{ opens: '09:00', closes: '20:00' }] }]);
    const other = await manager.query(UPDATE_LOCATION, { input: { id: ids['gran-via'], name: 'Mine now' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect((await manager.query(DEACTIVATE_LOCATION, { id: ids['gran-via'] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await manager.query(CREATE_LOCATION, { input: storeInput('manager-made') })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    // Linking needs the permission on every location the change touches.
    const relink = await manager.query(SET_PLATFORM_LOCATIONS, { platformId, locations: [{ locationId: ids.salamanca }] });
    expect(relink.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    const list = await manager.data<{ stockLocations: { edges: { node: { code: string } }[] } }>('{ stockLocations { edges { node { code } } } }');
    expect(list.stockLocations.edges.map((e) => e.node.code)).toEqual(['salamanca']);
  });

  it('refuses role assignments scoped to unknown locations with a field error', async () => {
    const target = await env.signIn();
    const { roles } = await env.adminClient.data<{ roles: { id: string; code: string }[] }>('{ roles { id code } }');
    const roleId = roles.find((r) => r.code === 'store-associate')!.id;
    const assign = 'mutation($staffId: ID!, $roleId: ID!, $locationIds: [ID!]) { assignRole(staffId: $staffId, roleId: $roleId, locationIds: $locationIds) { id locationIds } }';
    const bad = await env.adminClient.query(assign, { staffId: target.staffId, roleId, locationIds: [ids.salamanca, 'loc_nope'] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCATION_UNKNOWN', fields: [{ path: 'locationIds.1' }] });
    const ok = await env.adminClient.data<{ assignRole: { locationIds: string[] } }>(assign, { staffId: target.staffId, roleId, locationIds: [ids.salamanca] });
    expect(ok.assignRole.locationIds).toEqual([ids.salamanca]);
    const staff = await env.adminClient.query('mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { password } }', {
      input: { email: 'nobody@shop.example', assignments: [{ roleCode: 'store-associate', locationIds: ['loc_nope'] }] },
    });
    expect(staff.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'assignments.0.locationIds.0' }] });
    const token = await env.adminClient.query('mutation($input: CreateIntegrationTokenInput!) { createIntegrationToken(input: $input) { secret } }', {
      input: { name: 'ERP', roleId, locationIds: ['loc_nope', ids.salamanca] },
    });
    expect(token.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCATION_UNKNOWN', fields: [{ path: 'locationIds.0' }] });
  });
});
