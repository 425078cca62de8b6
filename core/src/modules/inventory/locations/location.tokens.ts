import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../../kernel/audit-log.js';

/** A source of the current time. Bind {@link ClockToken} to replace it (tests pin "now" this way). */
export interface Clock {
  now(): Date;
}

/**
 * The public token of the clock opening hours and pickup readiness are computed with. Nothing
 * binds it by default (the system clock is used); a test or plugin registers a value on the
 * root container — `plaza.container.register(ClockToken, { useValue: { now: () => fixed } })` —
 * and it takes effect at once, because it is resolved on every call.
 */
export const ClockToken = Symbol.for('plaza.Clock') as InjectionToken<Clock>;

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Tokens internal to the locations module. */
export const LocationTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.locations.Audit') as InjectionToken<AuditLog>,
  /** The clock, resolved at call time (see {@link ClockToken}). */
  Clock: Symbol.for('plaza.locations.Clock') as InjectionToken<Clock>,
} as const;

export { lazyAuditLog } from '../../../kernel/lazy-audit-log.js';

/** A {@link Clock} reading {@link ClockToken} from `container` when bound, else the system clock. */
export function lazyClock(container: DependencyContainer): Clock {
  return { now: () => (container.isRegistered(ClockToken, true) ? container.resolve(ClockToken).now() : new Date()) };
}
