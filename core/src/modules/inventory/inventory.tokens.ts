import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the inventory module. */
export const InventoryTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.inventory.Audit') as InjectionToken<AuditLog>,
} as const;

export { lazyAuditLog } from '../../kernel/lazy-audit-log.js';
