import type { DependencyContainer } from 'tsyringe';
import type { AuditEntry, AuditLog } from './audit-log.js';
import type { Ctx } from './context.js';
import { Tokens } from './tokens.js';

/**
 * An {@link AuditLog} that resolves `Tokens.AuditLog` from `container` on every record, so a
 * module can bind it in `register` before the audit module's binding is visible to it.
 */
export function lazyAuditLog(container: DependencyContainer): AuditLog {
  return { record: (ctx: Ctx, entry: AuditEntry) => container.resolve(Tokens.AuditLog).record(ctx, entry) };
}
