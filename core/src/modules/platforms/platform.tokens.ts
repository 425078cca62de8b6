import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the platforms module. */
export const PlatformTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.platforms.Audit') as InjectionToken<AuditLog>,
} as const;

export { lazyAuditLog } from '../../kernel/lazy-audit-log.js';
