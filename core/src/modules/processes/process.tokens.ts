import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the processes module. */
export const ProcessTokens = {
  /** The audit log, resolved at call time (see `lazyAuditLog`). */
  Audit: Symbol.for('plaza.processes.Audit') as InjectionToken<AuditLog>,
} as const;
