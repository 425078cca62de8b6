import type { Ctx } from './context.js';

/** One audited write: who (from ctx), what, which record, and a before/after summary. */
export interface AuditEntry {
  /** `area.verb`, e.g. `platform.created`, `platform_key.revoked`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The platform the record belongs to, so scoped staff can see their part. */
  platformId?: string | null;
  /** A summary of the record before the write (never secrets or password hashes). */
  before?: Record<string, unknown> | null;
  /** A summary after the write. */
  after?: Record<string, unknown> | null;
}

/**
 * The audit log. Services call `record(ctx, entry)` with the ctx of their transaction, so the
 * entry exists exactly when the write does. Actor, request id and IP come from ctx.
 */
export interface AuditLog {
  record(ctx: Ctx, entry: AuditEntry): Promise<void>;
}
