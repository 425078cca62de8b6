import type { Ctx } from '../kernel/context.js';
import { isTransaction } from './transaction.js';

/** Default lifetime of a snapshot: changes made by other instances show within this time. */
export const SNAPSHOT_TTL_MS = 30_000;

/**
 * An in-process snapshot of a small, rarely changing configuration table (tax zones, shipping
 * zones…), so hot paths read it without SQL. Writes in this process call {@link invalidate}
 * after they commit; the snapshot also expires after `ttlMs` for other instances' changes.
 * Inside a transaction the rows are read, never cached (unless configured otherwise); a load that raced with an
 * invalidation is not kept.
 */
export class SnapshotCache<T> {
  private snapshot: T | null = null;
  private expiresAt = 0;
  private gen = 0;
  /** Snapshot lifetime in ms. */
  ttlMs = SNAPSHOT_TTL_MS;

  /**
   * `readThroughInTransactions: false` serves the snapshot inside transactions too — for tables
   * that are never written in the transactions that read them.
   */
  constructor(
    private readonly loader: (ctx: Ctx) => Promise<T>,
    private readonly options: { readThroughInTransactions?: boolean } = {},
  ) {}

  /** The snapshot (loaded when missing or expired). */
  async get(ctx: Ctx): Promise<T> {
    if (this.options.readThroughInTransactions !== false && isTransaction(ctx.db)) return this.loader(ctx);
    if (this.snapshot !== null && Date.now() < this.expiresAt) return this.snapshot;
    const gen = this.gen;
    const value = await this.loader(ctx);
    if (gen === this.gen) {
      this.snapshot = value;
      this.expiresAt = Date.now() + this.ttlMs;
    }
    return value;
  }

  /** Drops the snapshot; the next read reloads it. */
  invalidate(): void {
    this.gen++;
    this.snapshot = null;
  }
}
