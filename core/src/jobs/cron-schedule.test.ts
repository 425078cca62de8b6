import { describe, expect, it } from 'vitest';
import { nextCronRun } from './cron-schedule.js';

describe('nextCronRun', () => {
  it('returns the next matching moment strictly after the given one', () => {
    expect(nextCronRun('0 * * * *', 'UTC', new Date('2030-01-01T10:00:00Z')).toISOString()).toBe('2030-01-01T11:00:00.000Z');
    expect(nextCronRun('*/15 * * * *', 'UTC', new Date('2030-01-01T10:07:30Z')).toISOString()).toBe('2030-01-01T10:15:00.000Z');
  });

  it('reads the cron in the job time zone, daylight saving included', () => {
    expect(nextCronRun('0 9 * * *', 'Europe/Madrid', new Date('2030-01-01T00:00:00Z')).toISOString()).toBe('2030-01-01T08:00:00.000Z');
    expect(nextCronRun('0 9 * * *', 'Europe/Madrid', new Date('2030-07-01T00:00:00Z')).toISOString()).toBe('2030-07-01T07:00:00.000Z');
  });

  it('accepts six fields (seconds)', () => {
    expect(nextCronRun('30 * * * * *', 'UTC', new Date('2030-01-01T10:00:00Z')).toISOString()).toBe('2030-01-01T10:00:30.000Z');
  });
});
