import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the tax module. */
export const TaxTokens = {
  Audit: Symbol.for('plaza.tax.Audit') as InjectionToken<AuditLog>,
} as const;
