import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Injection tokens private to the fulfillment module. */
export const FulfillmentTokens = {
  Audit: Symbol.for('plaza.fulfillment.Audit') as InjectionToken<AuditLog>,
} as const;
