import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { PaymentConfig } from './payment.config.js';

export const PaymentTokens = {
  Audit: Symbol.for('plaza.payments.Audit') as InjectionToken<AuditLog>,
  Config: Symbol.for('plaza.payments.Config') as InjectionToken<PaymentConfig>,
} as const;
