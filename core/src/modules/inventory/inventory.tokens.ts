import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { AuditEntry, AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { Tokens } from '../../kernel/tokens.js';

/** Tokens internal to the inventory module. */
export const InventoryTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.inventory.Audit') as InjectionToken<AuditLog>,
} as const;

/** An {@link AuditLog} that resolves `Tokens.AuditLog` from `container` on every record. */
export function lazyAuditLog(container: DependencyContainer): AuditLog {
  return { record: (ctx: Ctx, entry: AuditEntry) => container.resolve(Tokens.AuditLog).record(ctx, entry) };
}
