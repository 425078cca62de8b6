import { SnapshotCache } from '../../db/snapshot-cache.js';
import type { Ctx } from '../../kernel/context.js';
import { loadZones, type TaxZone } from './tax.records.js';

/** Every tax zone with members and rates, in memory: carts resolve a destination's zone without SQL. */
export class TaxZoneCache extends SnapshotCache<TaxZone[]> {
  constructor() {
    super((ctx) => loadZones(ctx));
  }

  /** Every zone. */
  all(ctx: Ctx): Promise<TaxZone[]> {
    return this.get(ctx);
  }
}
