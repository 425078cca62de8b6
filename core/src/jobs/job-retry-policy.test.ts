import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BACKOFF_MS, retryDelayMs } from './job-retry-policy.js';

describe('retryDelayMs', () => {
  it('doubles the first delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(1000, attempts))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('is capped, even for absurd attempt counts', () => {
    expect(retryDelayMs(1000, 20, 60_000)).toBe(60_000);
    expect(retryDelayMs(1000, 5000)).toBe(DEFAULT_MAX_BACKOFF_MS);
  });

  it('never waits a negative time', () => {
    expect(retryDelayMs(-5, 3)).toBe(0);
    expect(retryDelayMs(1000, 0)).toBe(1000);
  });
});
