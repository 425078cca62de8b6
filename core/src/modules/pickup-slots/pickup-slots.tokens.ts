import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Clock } from '../inventory/locations/index.js';

/** Tokens internal to the pickup-slots module. */
export const SlotTokens = {
  Audit: Symbol.for('plaza.pickup-slots.Audit') as InjectionToken<AuditLog>,
  Clock: Symbol.for('plaza.pickup-slots.Clock') as InjectionToken<Clock>,
} as const;
