import { CronExpressionParser } from 'cron-parser';

/** Default time zone of a recurring job. */
export const DEFAULT_CRON_TIMEZONE = 'UTC';

/** The first moment strictly after `after` that matches `cron` (5 or 6 fields) in `timezone`. */
export function nextCronRun(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}
