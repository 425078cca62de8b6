/** Default attempts before a job is marked failed. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Default first retry delay in milliseconds. */
export const DEFAULT_BACKOFF_MS = 1000;

/** Default longest wait between two attempts (one hour). */
export const DEFAULT_MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * How long to wait before the next attempt after `attempts` failed ones:
 * `backoffMs · 2^(attempts − 1)`, capped at `maxBackoffMs`.
 */
export function retryDelayMs(backoffMs: number, attempts: number, maxBackoffMs: number = DEFAULT_MAX_BACKOFF_MS): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity for large exponents; the cap keeps the result finite.
  return Math.min(Math.max(0, backoffMs) * 2 ** exponent, maxBackoffMs);
}
