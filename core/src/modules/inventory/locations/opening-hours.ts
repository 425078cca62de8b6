import { addDays, isoDate, localDate, weekdayIndex, zonedInstant, type LocalDate } from './time-zone.js';
import { WEEKDAYS, type OpeningHours, type OpeningState, type TimeInterval } from './opening-hours.types.js';

/** Days looked ahead for the next opening (a location closed longer shows no next opening). */
export const OPENING_LOOKAHEAD_DAYS = 62;

const DAY_MINUTES = 1440;

/** "HH:MM" (or "24:00") → minutes after midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** The interval's start and end in minutes after its day's midnight; an end at or before the start runs into the next day. */
export function intervalMinutes(interval: TimeInterval): { start: number; end: number } {
  const start = minutesOf(interval.opens);
  let end = minutesOf(interval.closes);
  if (end <= start) end += DAY_MINUTES;
  return { start, end };
}

/** The intervals that apply on a local date: its exception's, else the weekly day's. */
function intervalsOn(hours: OpeningHours, date: LocalDate, exceptions: Map<string, TimeInterval[]>): TimeInterval[] {
  const exception = exceptions.get(isoDate(date));
  if (exception) return exception;
  const day = WEEKDAYS[weekdayIndex(date)];
  return hours.weekly.find((w) => w.day === day)?.intervals ?? [];
}

interface Span {
  start: number;
  end: number;
}

const exceptionMaps = new WeakMap<OpeningHours, Map<string, TimeInterval[]>>();

function exceptionMap(hours: OpeningHours): Map<string, TimeInterval[]> {
  let map = exceptionMaps.get(hours);
  if (!map) {
    map = new Map(hours.exceptions.map((e) => [e.date, e.intervals]));
    exceptionMaps.set(hours, map);
  }
  return map;
}

/**
 * Is a location with these opening hours open at `now`, when does it close, and when does it
 * open next? Hours are wall-clock times in `timeZone` (IANA), so DST changes move the instants,
 * not the hours; intervals past midnight and back-to-back intervals join into one opening;
 * dated exceptions (holidays, special hours) replace the weekly hours of their date.
 *
 * `hours` null means "no hours": open around the clock. Days are examined one at a time from
 * yesterday (whose interval may run past midnight) until the answer cannot change, at most
 * {@link OPENING_LOOKAHEAD_DAYS} ahead.
 */
export function openingState(hours: OpeningHours | null, timeZone: string, now: Date): OpeningState {
  if (!hours) return { openNow: true, closesAt: null, nextOpensAt: null };
  const at = now.getTime();
  const exceptions = exceptionMap(hours);
  const today = localDate(at, timeZone);
  const found: { current: Span | null; next: Span | null } = { current: null, next: null };
  let pending: Span | null = null; // the latest span, which later days may still extend
  const settle = (span: Span) => {
    if (span.start <= at && at < span.end) found.current = span;
    else if (span.start > at && !found.next) found.next = span;
  };
  for (let offset = -1; offset <= OPENING_LOOKAHEAD_DAYS && !found.next; offset++) {
    const date = addDays(today, offset);
    const spans = intervalsOn(hours, date, exceptions)
      .map(intervalMinutes)
      .sort((a, b) => a.start - b.start)
      .map((m) => ({ start: zonedInstant(date, m.start, timeZone), end: zonedInstant(date, m.end, timeZone) }));
    for (const span of spans) {
      if (pending && span.start <= pending.end) {
        pending.end = Math.max(pending.end, span.end);
        continue;
      }
      if (pending) settle(pending);
      pending = { ...span };
    }
    // Later days start at or after the next midnight: once the pending span ends before it, nothing can join it.
    if (pending && pending.end < zonedInstant(addDays(date, 1), 0, timeZone)) {
      settle(pending);
      pending = null;
    }
  }
  // A span still pending after the look-ahead never closes within it: open around the clock.
  const last = pending as Span | null;
  if (last && last.start <= at) return { openNow: true, closesAt: null, nextOpensAt: null };
  if (last && !found.next) found.next = last;
  if (found.current) return { openNow: true, closesAt: new Date(found.current.end), nextOpensAt: found.next ? new Date(found.next.start) : null };
  return { openNow: false, closesAt: null, nextOpensAt: found.next ? new Date(found.next.start) : null };
}

/**
 * The opening spans (epoch ms, joined where intervals touch) that start on the `days` local
 * dates from the one containing `from`, plus yesterday's if it runs into today. Null hours
 * (open around the clock) give one span per day.
 */
export function openSpans(hours: OpeningHours | null, timeZone: string, from: Date, days: number): { start: number; end: number }[] {
  const today = localDate(from.getTime(), timeZone);
  const spans: Span[] = [];
  const exceptions = hours ? exceptionMap(hours) : new Map<string, TimeInterval[]>();
  for (let offset = -1; offset < days; offset++) {
    const date = addDays(today, offset);
    const intervals = hours ? intervalsOn(hours, date, exceptions) : [{ opens: '00:00', closes: '24:00' }];
    for (const m of intervals.map(intervalMinutes).sort((a, b) => a.start - b.start)) {
      const span = { start: zonedInstant(date, m.start, timeZone), end: zonedInstant(date, m.end, timeZone) };
      const last = spans.at(-1);
      if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
      else spans.push(span);
    }
  }
  return spans;
}
