import { describe, expect, it } from 'vitest';
import { pickupReadiness } from './pickup-readiness.js';
import type { OpeningHours } from './opening-hours.types.js';

const weekdays = (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).map((day) => ({ day, intervals: [{ opens: '10:00', closes: '21:00' }] }));
const hours: OpeningHours = { weekly: weekdays, exceptions: [] };
const store = { openingHours: hours, timeZone: 'Europe/Madrid', preparationMinutes: 45 };

describe('pickupReadiness', () => {
  it('is now + preparation when the store is open long enough', () => {
    // Wednesday 3 June 2026, 12:00 CEST.
    const r = pickupReadiness(store, new Date('2026-06-03T10:00:00Z'));
    expect(r).toMatchObject({ openNow: true, readyAt: new Date('2026-06-03T10:45:00Z'), preparationMinutes: 45 });
  });

  it('is the next opening + preparation when it closes before the order is ready', () => {
    // 20:30 CEST: closes at 21:00, 45 min are not enough → Thursday 10:45 CEST.
    expect(pickupReadiness(store, new Date('2026-06-03T18:30:00Z')).readyAt).toEqual(new Date('2026-06-04T08:45:00Z'));
    // Exactly enough time: ready at closing.
    expect(pickupReadiness(store, new Date('2026-06-03T18:15:00Z')).readyAt).toEqual(new Date('2026-06-03T19:00:00Z'));
    // Saturday night → Monday (closed Sunday).
    expect(pickupReadiness(store, new Date('2026-06-06T20:00:00Z')).readyAt).toEqual(new Date('2026-06-08T08:45:00Z'));
  });

  it('is null when the location never opens, and now + preparation without hours', () => {
    expect(pickupReadiness({ ...store, openingHours: { weekly: [], exceptions: [] } }, new Date('2026-06-03T10:00:00Z')).readyAt).toBeNull();
    expect(pickupReadiness({ ...store, openingHours: null }, new Date('2026-06-03T10:00:00Z')).readyAt).toEqual(new Date('2026-06-03T10:45:00Z'));
  });
});
