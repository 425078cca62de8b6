import type { Ctx } from '../../kernel/context.js';
import { isTransaction } from '../../db/transaction.js';
import { loadZones, type TaxZone } from './tax.records.js';

/** Default lifetime of the snapshot: changes made by other instances show within this time. */
export const TAX_ZONE_TTL_MS = 30_000;

/**
 * The in-process snapshot of every tax zone (members and rates): carts resolve a destination's
 * zone without SQL. Writes in this process invalidate it after they commit; it also expires
 * after `ttlMs` for changes made by other instances. Inside a transaction the rows are read,
 * never cached. A load that raced with an invalidation is not kept.
 */
export class TaxZoneCache {
  private snapshot: TaxZone[] | null = null;
  private expiresAt = 0;
  private gen = 0;
  /** Snapshot lifetime in ms. */
  ttlMs = TAX_ZONE_TTL_MS;

  /** Every zone. */
  async all(ctx: Ctx): Promise<TaxZone[]> {
    if (isTransaction(ctx.db)) return loadZones(ctx);
    if (this.snapshot && Date.now() < this.expiresAt) return this.snapshot;
    const gen = this.gen;
    const zones = await loadZones(ctx);
    if (gen === this.gen) {
      this.snapshot = zones;
      this.expiresAt = Date.now() + this.ttlMs;
    }
    return zones;
  }

  /** Drops the snapshot; the next lookup reloads it. */
  invalidate(): void {
    this.gen++;
    this.snapshot = null;
  }
}
