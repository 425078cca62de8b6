/** How failed deliveries are retried. */
export interface RetryPolicy {
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts: number;
  /** First retry delay in ms; doubled each further attempt. */
  backoffMs: number;
  /** Longest delay between two attempts (default one hour). */
  maxDelayMs?: number;
}

/** The longest wait between two attempts unless a policy says otherwise. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** What to do after a failed attempt. */
export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'dead' };

/**
 * Decides the fate of a delivery that just failed its `attempts`-th attempt (1-based): retry
 * after `backoffMs * 2^(attempts-1)` (capped), or dead-letter once `maxAttempts` is reached.
 */
export function decideRetry(attempts: number, policy: RetryPolicy): RetryDecision {
  if (attempts >= policy.maxAttempts) return { kind: 'dead' };
  const cap = policy.maxDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;
  // 2^exp overflows to Infinity long before attempts gets large; min() still caps it.
  const delay = policy.backoffMs * 2 ** Math.max(0, attempts - 1);
  return { kind: 'retry', delayMs: Math.min(cap, delay) };
}
