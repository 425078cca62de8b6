import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { ClockToken } from '../inventory/locations/index.js';
import { createKey, createPlatform } from '../platforms/__tests__/platforms-harness.js';
import { PickupSlotService } from './pickup-slots.service.js';

// Tuesday 1 December 2026, 09:05 in Madrid (UTC+1).
const NOW = new Date('2026-12-01T08:05:00Z');
const Q = {
  createLocation: `mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { id } }`,
  link: `mutation($platformId: ID!, $locations: [PlatformLocationInput!]!) { setPlatformLocations(platformId: $platformId, locations: $locations) { position } }`,
  settings: `mutation($input: PickupSlotSettingsInput!) { setPickupSlotSettings(input: $input) { locationId enabled slotMinutes capacity } }`,
  adminSlots: `query($id: ID!) { locationPickupSlots(locationId: $id) { start end capacity booked available } }`,
  channelSlots: `query($id: ID!) { pickupSlots(locationId: $id) { start end available } }`,
};

describe('order-ahead pickup slots', () => {
  let env: TestEnvironment;
  let storeId: string;
  let key: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    env.plaza.container.register(ClockToken, { useValue: { now: () => NOW } });
    const hours = { weekly: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day: day.toUpperCase(), intervals: [{ opens: '10:00', closes: '12:00' }] })), exceptions: [{ date: '2026-12-02', intervals: [] }] };
    const { createStockLocation } = await env.adminClient.data<{ createStockLocation: { id: string } }>(Q.createLocation, {
      input: { code: 'slots-store', name: 'Slots store', type: 'STORE', timeZone: 'Europe/Madrid', pickupEnabled: true, preparationMinutes: 15, openingHours: hours },
    });
    storeId = createStockLocation.id;
    const platform = await createPlatform(env.adminClient);
    key = (await createKey(env.adminClient, platform.id)).secret;
    await env.adminClient.data(Q.link, { platformId: platform.id, locations: [{ locationId: storeId }] });
  });
  afterAll(() => env?.close());

  it('offers slots inside opening hours, in the store’s time zone, after the lead time, skipping holidays', async () => {
    expect(await env.channelClient(key).data(Q.channelSlots, { id: storeId })).toEqual({ pickupSlots: [] });
    await env.adminClient.data(Q.settings, { input: { locationId: storeId, enabled: true, slotMinutes: 30, capacity: 2, leadMinutes: 60, horizonDays: 3 } });
    const { pickupSlots } = await env.channelClient(key).data<{ pickupSlots: { start: string; available: number }[] }>(Q.channelSlots, { id: storeId });
    // Today 10:00–12:00 Madrid = 09:00–11:00 UTC; the first slot starts at least 60 minutes after 09:05 local.
    // Wednesday the 2nd is a holiday; Thursday the 3rd is open again.
    expect(pickupSlots.map((s) => s.start)).toEqual([
      '2026-12-01T09:30:00.000Z',
      '2026-12-01T10:00:00.000Z',
      '2026-12-01T10:30:00.000Z',
      '2026-12-03T09:00:00.000Z',
      '2026-12-03T09:30:00.000Z',
      '2026-12-03T10:00:00.000Z',
      '2026-12-03T10:30:00.000Z',
    ]);
    expect(pickupSlots.every((s) => s.available === 2)).toBe(true);
  });

  it('never books a slot above its capacity, even when buyers arrive together', async () => {
    const slots = env.plaza.container.resolve(PickupSlotService);
    const slotStart = new Date('2026-12-01T10:00:00Z');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => slots.book(env.plaza.systemCtx(), { locationId: storeId, slotStart, reference: { type: 'order', id: `ord_${i}` } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_FULL' });
    const { locationPickupSlots } = await env.adminClient.data<{ locationPickupSlots: { start: string; booked: number; available: number }[] }>(Q.adminSlots, { id: storeId });
    expect(locationPickupSlots.find((s) => s.start === slotStart.toISOString())).toMatchObject({ booked: 2, available: 0 });

    // Booking again for the same order is a no-op; releasing frees the place.
    const booked = results.findIndex((r) => r.status === 'fulfilled');
    await slots.book(env.plaza.systemCtx(), { locationId: storeId, slotStart, reference: { type: 'order', id: `ord_${booked}` } });
    expect(await slots.release(env.plaza.systemCtx(), { type: 'order', id: `ord_${booked}` })).toBe(true);
    expect(await slots.release(env.plaza.systemCtx(), { type: 'order', id: `ord_${booked}` })).toBe(false);
    const after = await slots.slots(env.plaza.systemCtx(), storeId);
    expect(after.find((s) => s.start.getTime() === slotStart.getTime())).toMatchObject({ booked: 1, available: 1 });
  });

  it('refuses times that are not slots, and settings that make no sense', async () => {
    const slots = env.plaza.container.resolve(PickupSlotService);
    await expect(slots.book(env.plaza.systemCtx(), { locationId: storeId, slotStart: new Date('2026-12-02T09:00:00Z'), reference: { type: 'order', id: 'ord_holiday' } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SLOT_UNAVAILABLE',
    });
    const bad = await env.adminClient.query(Q.settings, { input: { locationId: storeId, enabled: true, slotMinutes: 2, capacity: 0, leadMinutes: 0, horizonDays: 3 } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SLOT_SETTINGS_INVALID' });
    expect((bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(['capacity', 'slotMinutes']);
  });
});
