import type { Ctx } from '../../kernel/context.js';
import { isTransaction } from '../../db/transaction.js';
import type { ShippingZone } from './shipping-engine.js';
import { loadZones } from './shipping.records.js';

/** Default lifetime of the snapshot: changes made by other instances show within this time. */
export const SHIPPING_CONFIG_TTL_MS = 30_000;

/**
 * The in-process snapshot of every shipping zone with its methods and rates: quotes need no
 * SQL. Writes in this process invalidate it after commit; it expires after `ttlMs` for other
 * instances' changes. Inside a transaction the rows are read, never cached.
 */
export class ShippingConfigCache {
  private snapshot: ShippingZone[] | null = null;
  private expiresAt = 0;
  private gen = 0;
  /** Snapshot lifetime in ms. */
  ttlMs = SHIPPING_CONFIG_TTL_MS;

  /** Every zone with its methods. */
  async all(ctx: Ctx): Promise<ShippingZone[]> {
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

  /** Drops the snapshot. */
  invalidate(): void {
    this.gen++;
    this.snapshot = null;
  }
}
