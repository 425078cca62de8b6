import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the customers module. */
export const CustomerTokens = {
  /** The audit log, resolved at call time. */
  Audit: Symbol.for('plaza.customers.Audit') as InjectionToken<AuditLog>,
} as const;
