import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the shipping module. */
export const ShippingTokens = {
  Audit: Symbol.for('plaza.shipping.Audit') as InjectionToken<AuditLog>,
} as const;
