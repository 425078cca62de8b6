import type { InjectionToken } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import type { StockLocation } from './locations/index.js';

/** One location a platform sells from, with the safety stock held back from that platform there. */
export interface StockSource {
  locationId: string;
  /** Order in the platform's list (0 first). */
  position: number;
  safetyStock: number;
  /** The location record (from the cache). */
  location: StockLocation;
}

/**
 * Where a platform sells from. The implementation reads the locations module's in-memory
 * cache of platform links (invalidated on change), so asking costs no SQL on a hot path.
 */
export interface StockSources {
  forPlatform(ctx: Ctx, platformId: string): Promise<StockSource[]>;
}

/** Token of {@link StockSources} in the inventory module's container. */
export const StockSourcesToken = Symbol.for('plaza.inventory.StockSources') as InjectionToken<StockSources>;

/** The safety stock of `platformId` at `locationId`; undefined when the platform does not sell from there. */
export async function safetyStockAt(sources: StockSources, ctx: Ctx, platformId: string, locationId: string): Promise<number | undefined> {
  return (await sources.forPlatform(ctx, platformId)).find((s) => s.locationId === locationId)?.safetyStock;
}

/** {@link StockSources} over the locations module's cached platform links (active locations only). */
export function stockSourcesFrom(platformLocations: (ctx: Ctx, platformId: string) => Promise<readonly { locationId: string; position: number; safetyStock: number; location: StockLocation }[]>): StockSources {
  const memo = new WeakMap<object, StockSource[]>();
  return {
    async forPlatform(ctx, platformId) {
      const links = await platformLocations(ctx, platformId);
      let sources = memo.get(links);
      if (!sources) {
        sources = links.filter((l) => l.location.status === 'active').map((l) => ({ locationId: l.locationId, position: l.position, safetyStock: l.safetyStock, location: l.location }));
        memo.set(links, sources);
      }
      return sources;
    },
  };
}
