import { describe, expect, it } from 'vitest';
import { decideRetry } from './retry-policy.js';

describe('decideRetry', () => {
  const policy = { maxAttempts: 5, backoffMs: 1000 };

  it('doubles the delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((n) => decideRetry(n, policy))).toEqual([
      { kind: 'retry', delayMs: 1000 },
      { kind: 'retry', delayMs: 2000 },
      { kind: 'retry', delayMs: 4000 },
      { kind: 'retry', delayMs: 8000 },
    ]);
  });

  it('dead-letters once maxAttempts attempts failed', () => {
    expect(decideRetry(5, policy)).toEqual({ kind: 'dead' });
    expect(decideRetry(1, { maxAttempts: 1, backoffMs: 1000 })).toEqual({ kind: 'dead' });
  });

  it('caps the delay (one hour by default)', () => {
    expect(decideRetry(40, { maxAttempts: 100, backoffMs: 1000 })).toEqual({ kind: 'retry', delayMs: 3_600_000 });
    expect(decideRetry(2000, { maxAttempts: 5000, backoffMs: 1000, maxDelayMs: 5000 })).toEqual({ kind: 'retry', delayMs: 5000 });
  });
});
