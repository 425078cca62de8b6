import { injectable } from 'tsyringe';
import { failureDelayMs, lockedError, LoginPolicy, sleep } from '../roles/login-throttle.js';

interface Attempts {
  failures: number;
  lockedUntil: number;
}

/**
 * Brute-force throttling of customer sign-ins, per e-mail **and** client IP, with the staff
 * sign-in policy ({@link LoginPolicy}): failures 5–9 answer after a growing delay, the 10th
 * locks that e-mail from that IP for 15 minutes. Kept in memory (at most `capacity` keys,
 * oldest forgotten first) and the same for e-mails with and without an account, so the answers
 * never tell whether an account exists. Per IP, so an attacker cannot lock a customer out from
 * everywhere by failing on purpose.
 */
@injectable()
export class CustomerLoginThrottle {
  private readonly attempts = new Map<string, Attempts>();
  private readonly capacity = 50_000;

  /** Throws RATE_LIMITED (LOGIN_LOCKED) while this e-mail is locked for this IP. */
  check(email: string, ip: string | null, now = Date.now()): void {
    const entry = this.attempts.get(this.key(email, ip));
    if (entry && entry.lockedUntil > now) throw lockedError(entry.lockedUntil, now);
  }

  /** Counts a failure: waits the policy's delay, or throws RATE_LIMITED when it locks. */
  async fail(email: string, ip: string | null, now = Date.now()): Promise<void> {
    const key = this.key(email, ip);
    const entry = this.attempts.get(key) ?? { failures: 0, lockedUntil: 0 };
    this.attempts.delete(key);
    entry.failures += 1;
    if (entry.failures >= LoginPolicy.lockAfter) entry.lockedUntil = now + LoginPolicy.lockMs;
    this.attempts.set(key, entry);
    if (this.attempts.size > this.capacity) this.attempts.delete(this.attempts.keys().next().value!);
    if (entry.lockedUntil > now) throw lockedError(entry.lockedUntil, now);
    await sleep(failureDelayMs(entry.failures));
  }

  /** A successful sign-in forgets the failures. */
  succeed(email: string, ip: string | null): void {
    this.attempts.delete(this.key(email, ip));
  }

  private key(email: string, ip: string | null): string {
    return `${email}\u0000${ip ?? ''}`;
  }
}
