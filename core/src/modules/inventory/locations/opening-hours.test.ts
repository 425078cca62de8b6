import { describe, expect, it } from 'vitest';
import { openingState } from './opening-hours.js';
import type { OpeningHours, TimeInterval, Weekday } from './opening-hours.types.js';
import { zonedInstant } from './time-zone.js';

const MADRID = 'Europe/Madrid';
const iv = (opens: string, closes: string): TimeInterval => ({ opens, closes });
const week = (days: Partial<Record<Weekday, TimeInterval[]>>, exceptions: OpeningHours['exceptions'] = []): OpeningHours => ({
  weekly: Object.entries(days).map(([day, intervals]) => ({ day: day as Weekday, intervals })),
  exceptions,
});
const shop = week({
  monday: [iv('10:00', '21:00')],
  tuesday: [iv('10:00', '21:00')],
  wednesday: [iv('10:00', '21:00')],
  thursday: [iv('10:00', '21:00')],
  friday: [iv('10:00', '21:00')],
  saturday: [iv('10:00', '21:00')],
  sunday: [iv('11:00', '20:00')],
});
const at = (iso: string) => new Date(iso);

describe('openingState', () => {
  it('honours the spring-forward DST change in Madrid (CET → CEST on 29 March 2026)', () => {
    // Saturday 21:30 CET: closed; Sunday 11:00 is already CEST (UTC+2) → 09:00Z, not 10:00Z.
    expect(openingState(shop, MADRID, at('2026-03-28T20:30:00Z'))).toEqual({ openNow: false, closesAt: null, nextOpensAt: at('2026-03-29T09:00:00Z') });
    // Saturday 20:00 CET: open until 21:00 CET (20:00Z).
    expect(openingState(shop, MADRID, at('2026-03-28T19:00:00Z'))).toEqual({ openNow: true, closesAt: at('2026-03-28T20:00:00Z'), nextOpensAt: at('2026-03-29T09:00:00Z') });
    // Sunday 10:30 CEST = 08:30Z: not open yet.
    expect(openingState(shop, MADRID, at('2026-03-29T08:30:00Z')).openNow).toBe(false);
    expect(openingState(shop, MADRID, at('2026-03-29T09:00:00Z'))).toMatchObject({ openNow: true, closesAt: at('2026-03-29T18:00:00Z') });
  });

  it('honours the fall-back DST change (CEST → CET on 25 October 2026)', () => {
    expect(openingState(shop, MADRID, at('2026-10-24T19:30:00Z'))).toEqual({ openNow: false, closesAt: null, nextOpensAt: at('2026-10-25T10:00:00Z') });
    expect(openingState(shop, MADRID, at('2026-10-25T09:30:00Z')).openNow).toBe(false);
    expect(openingState(shop, MADRID, at('2026-10-25T10:00:00Z'))).toMatchObject({ openNow: true, closesAt: at('2026-10-25T19:00:00Z') });
  });

  it('keeps a location open past midnight on the interval of the day it opened', () => {
    const bar = week({ friday: [iv('20:00', '02:00')], saturday: [iv('20:00', '03:00')] });
    // Saturday 01:30 CEST (Friday's night): open until 02:00 CEST = 00:00Z, opens again Saturday 20:00 CEST.
    expect(openingState(bar, MADRID, at('2026-05-01T23:30:00Z'))).toEqual({ openNow: true, closesAt: at('2026-05-02T00:00:00Z'), nextOpensAt: at('2026-05-02T18:00:00Z') });
    expect(openingState(bar, MADRID, at('2026-05-02T00:30:00Z'))).toEqual({ openNow: false, closesAt: null, nextOpensAt: at('2026-05-02T18:00:00Z') });
    // Sunday 02:59 CEST, Saturday's night still running until 03:00.
    expect(openingState(bar, MADRID, at('2026-05-03T00:59:00Z'))).toMatchObject({ openNow: true, closesAt: at('2026-05-03T01:00:00Z'), nextOpensAt: at('2026-05-08T18:00:00Z') });
  });

  it('joins back-to-back intervals and treats 00:00–24:00 every day as open around the clock', () => {
    const allDay = [iv('00:00', '24:00')];
    const always = week({ monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay });
    expect(openingState(always, MADRID, at('2026-03-29T01:30:00Z'))).toEqual({ openNow: true, closesAt: null, nextOpensAt: null });
    const joined = week({ monday: [iv('08:00', '12:00'), iv('12:00', '16:00')] });
    expect(openingState(joined, MADRID, at('2026-06-01T09:00:00Z'))).toMatchObject({ openNow: true, closesAt: at('2026-06-01T14:00:00Z') });
  });

  it('applies holiday exceptions: closed days and special hours replace the weekly hours', () => {
    const holidays = { ...shop, exceptions: [{ date: '2026-12-24', intervals: [iv('10:00', '14:00')], note: 'Christmas Eve' }, { date: '2026-12-25', intervals: [], note: 'Christmas Day' }] };
    // Thursday 24 Dec 13:00 CET: open until 14:00 CET (13:00Z).
    expect(openingState(holidays, MADRID, at('2026-12-24T12:00:00Z'))).toMatchObject({ openNow: true, closesAt: at('2026-12-24T13:00:00Z') });
    // 15:00 CET: closed; Friday 25th is a holiday; next opening Saturday 26th 10:00 CET.
    expect(openingState(holidays, MADRID, at('2026-12-24T14:00:00Z'))).toEqual({ openNow: false, closesAt: null, nextOpensAt: at('2026-12-26T09:00:00Z') });
    expect(openingState(holidays, MADRID, at('2026-12-25T11:00:00Z')).openNow).toBe(false);
  });

  it('finds the reopening after a lunch break, and no opening when never open', () => {
    const siesta = week({ wednesday: [iv('17:00', '21:00'), iv('10:00', '14:00')] });
    expect(openingState(siesta, MADRID, at('2026-06-03T12:30:00Z'))).toEqual({ openNow: false, closesAt: null, nextOpensAt: at('2026-06-03T15:00:00Z') });
    expect(openingState(week({}), MADRID, at('2026-06-03T12:30:00Z'))).toEqual({ openNow: false, closesAt: null, nextOpensAt: null });
    expect(openingState(null, MADRID, at('2026-06-03T12:30:00Z'))).toEqual({ openNow: true, closesAt: null, nextOpensAt: null });
  });

  it('works in other time zones (New York, 10:00 EDT = 14:00Z)', () => {
    expect(openingState(shop, 'America/New_York', at('2026-06-03T13:00:00Z')).nextOpensAt).toEqual(at('2026-06-03T14:00:00Z'));
  });
});

describe('zonedInstant', () => {
  it('moves a time skipped by spring-forward to after the jump', () => {
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 29 }, 150, MADRID)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 29 }, 60, MADRID)).toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });
});
