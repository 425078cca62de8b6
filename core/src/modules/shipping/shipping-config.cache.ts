import { SnapshotCache } from '../../db/snapshot-cache.js';
import type { Ctx } from '../../kernel/context.js';
import type { ShippingZone } from './shipping-engine.js';
import { loadZones } from './shipping.records.js';

/** Every shipping zone with its methods and rates, in memory: quotes need no SQL. */
export class ShippingConfigCache extends SnapshotCache<ShippingZone[]> {
  constructor() {
    super((ctx) => loadZones(ctx));
  }

  /** Every zone with its methods. */
  all(ctx: Ctx): Promise<ShippingZone[]> {
    return this.get(ctx);
  }
}
