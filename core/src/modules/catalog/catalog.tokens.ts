import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { AuditEntry, AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { Tokens } from '../../kernel/tokens.js';

/** Tokens internal to the catalog module. */
export const CatalogTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.catalog.Audit') as InjectionToken<AuditLog>,
} as const;

/** An {@link AuditLog} that resolves `Tokens.AuditLog` from `container` on every record. */
export function lazyCatalogAuditLog(container: DependencyContainer): AuditLog {
  return { record: (ctx: Ctx, entry: AuditEntry) => container.resolve(Tokens.AuditLog).record(ctx, entry) };
}
