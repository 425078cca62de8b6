import { z } from 'zod';
import { intervalMinutes } from './opening-hours.js';
import { WEEKDAYS, type OpeningHours } from './opening-hours.types.js';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const MAX_INTERVALS_PER_DAY = 6;

const time = z.string().trim();
const interval = z
  .object({ opens: time.regex(TIME, 'must be a time "HH:MM" from 00:00 to 23:59'), closes: time.refine((v) => TIME.test(v) || v === '24:00', 'must be a time "HH:MM" from 00:00 to 24:00') })
  .refine((i) => i.opens !== i.closes, { message: 'must close at another time than it opens', path: ['closes'] });
const intervals = z
  .array(interval)
  .max(MAX_INTERVALS_PER_DAY, `list at most ${MAX_INTERVALS_PER_DAY} intervals per day`)
  .superRefine((list, ctx) => {
    const spans = list.map((i, index) => ({ ...intervalMinutes(i), index })).sort((a, b) => a.start - b.start);
    for (let k = 1; k < spans.length; k++) {
      if (spans[k]!.start < spans[k - 1]!.end) ctx.addIssue({ code: 'custom', message: 'overlaps another interval of the same day', path: [spans[k]!.index, 'opens'] });
    }
  });

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/**
 * Opening hours as staff enter them: a weekly pattern (each weekday at most once; a day left
 * out is closed) and dated exceptions (each date at most once; no intervals = closed).
 */
export const openingHoursSchema = z
  .object({
    weekly: z.array(z.object({ day: z.enum(WEEKDAYS, 'must be a weekday (monday … sunday)'), intervals })).max(7),
    exceptions: z
      .array(
        z.object({
          date: z.string().trim().refine(isRealDate, 'must be a date YYYY-MM-DD'),
          intervals: intervals.nullish(),
          note: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
        }),
      )
      .max(400, 'list at most 400 exceptions')
      .nullish(),
  })
  .superRefine((hours, ctx) => {
    const seenDays = new Set<string>();
    hours.weekly.forEach((w, i) => {
      if (seenDays.has(w.day)) ctx.addIssue({ code: 'custom', message: `lists ${w.day} twice`, path: ['weekly', i, 'day'] });
      seenDays.add(w.day);
    });
    const seenDates = new Set<string>();
    (hours.exceptions ?? []).forEach((e, i) => {
      if (seenDates.has(e.date)) ctx.addIssue({ code: 'custom', message: `lists ${e.date} twice`, path: ['exceptions', i, 'date'] });
      seenDates.add(e.date);
    });
  })
  .transform(
    (hours): OpeningHours => ({
      weekly: [...hours.weekly].sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day)).map((w) => ({ day: w.day, intervals: sortIntervals(w.intervals) })),
      exceptions: [...(hours.exceptions ?? [])].sort((a, b) => a.date.localeCompare(b.date)).map((e) => ({ date: e.date, intervals: sortIntervals(e.intervals ?? []), note: e.note || null })),
    }),
  );

function sortIntervals(list: { opens: string; closes: string }[]): { opens: string; closes: string }[] {
  return [...list].sort((a, b) => a.opens.localeCompare(b.opens)).map((i) => ({ opens: i.opens, closes: i.closes }));
}
