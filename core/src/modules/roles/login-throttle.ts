import { PlazaError } from '../../kernel/errors.js';

/**
 * Sign-in throttling: the first 4 failures answer at once; failures 5–9 each answer after a
 * growing delay (0.2 s, 0.4 s, 0.8 s, 1.6 s, 1.6 s); the 10th locks the account for 15 minutes,
 * during which every attempt — even with the right password — is refused without checking it.
 * A failure after a lock expired locks again at once; a successful sign-in resets the count.
 */
export const LoginPolicy = {
  delayAfter: 5,
  lockAfter: 10,
  lockMs: 15 * 60_000,
  baseDelayMs: 200,
  maxDelayMs: 1_600,
} as const;

/** How long to hold the answer to a failed sign-in that brought the count to `failures`. */
export function failureDelayMs(failures: number): number {
  if (failures < LoginPolicy.delayAfter) return 0;
  return Math.min(LoginPolicy.baseDelayMs * 2 ** (failures - LoginPolicy.delayAfter), LoginPolicy.maxDelayMs);
}

/** The one answer to a wrong email or password (the same whether or not the email exists). */
export function invalidCredentials(): PlazaError {
  return new PlazaError('UNAUTHENTICATED', 'The email or password is not correct', { reason: 'CREDENTIALS_INVALID' });
}

/** RATE_LIMITED / LOGIN_LOCKED, naming the UTC minute after which signing in works again. */
export function lockedError(lockedUntil: number, now: number): PlazaError {
  const after = new Date(Math.ceil(lockedUntil / 60_000) * 60_000);
  const hhmm = `${String(after.getUTCHours()).padStart(2, '0')}:${String(after.getUTCMinutes()).padStart(2, '0')}`;
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  return new PlazaError('RATE_LIMITED', `Too many failed sign-ins; try again after ${hhmm} UTC`, { reason: 'LOGIN_LOCKED', details: { retryAfterSeconds } });
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

interface Attempts {
  failures: number;
  lockedUntil: number;
}

/**
 * The same throttle for emails that belong to no one, kept in memory (at most `capacity`
 * emails, oldest forgotten first), so that sign-ins answer alike whether an email exists or not.
 */
export class UnknownEmailThrottle {
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly capacity = 10_000) {}

  /** When the email is locked until (ms), or null. */
  lockedUntil(email: string, now: number): number | null {
    const entry = this.attempts.get(email);
    return entry && entry.lockedUntil > now ? entry.lockedUntil : null;
  }

  /** Counts a failure; returns the new count and the lock it caused, if any. */
  fail(email: string, now: number): Attempts {
    const entry = this.attempts.get(email) ?? { failures: 0, lockedUntil: 0 };
    this.attempts.delete(email);
    entry.failures += 1;
    if (entry.failures >= LoginPolicy.lockAfter) entry.lockedUntil = now + LoginPolicy.lockMs;
    this.attempts.set(email, entry);
    if (this.attempts.size > this.capacity) this.attempts.delete(this.attempts.keys().next().value!);
    return entry;
  }
}
