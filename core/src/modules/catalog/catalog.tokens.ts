import type { InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';

/** Tokens internal to the catalog module. */
export const CatalogTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.catalog.Audit') as InjectionToken<AuditLog>,
} as const;

export { lazyAuditLog as lazyCatalogAuditLog } from '../../kernel/lazy-audit-log.js';
