import { describe, expect, it } from 'vitest';
import { slotsWithin } from './slot-calendar.js';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);

describe('slotsWithin', () => {
  it('cuts whole slots from each opening span, from the earliest start on', () => {
    const spans = [{ start: at('09:00'), end: at('10:40') }, { start: at('17:00'), end: at('18:00') }];
    expect(slotsWithin(spans, 30, at('09:10')).map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual(['09:30', '10:00', '17:00', '17:30']);
  });

  it('gives nothing when the span is shorter than a slot', () => {
    expect(slotsWithin([{ start: at('09:00'), end: at('09:20') }], 30, 0)).toEqual([]);
  });
});
