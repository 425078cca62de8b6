import type { Ctx } from '../../kernel/context.js';
import { InventoryTables as T } from './inventory.tables.js';
import type { StockSource } from './stock-sources.js';

/** What a platform may sell of a variant at one of its locations. */
export interface LocationAvailability {
  locationId: string;
  /** max(0, on hand − reserved − the platform's safety stock there). */
  available: number;
}

/** What a platform may sell of a variant: the total over its locations and each location. */
export interface VariantAvailability {
  variantId: string;
  available: number;
  inStock: boolean;
  /** Every location the platform sells from, in the platform's order (zeros included). */
  locations: LocationAvailability[];
}

type LevelCells = { variant_id: string; location_id: string; on_hand: number | string; reserved: number | string };

/** Sellable units of one level for a platform: never below zero. */
export function sellable(onHand: number, reserved: number, safetyStock: number): number {
  return Math.max(0, onHand - reserved - safetyStock);
}

/** Builds a variant's availability from its level rows at the platform's sources. */
export function toAvailability(variantId: string, sources: readonly StockSource[], rows: readonly LevelCells[]): VariantAvailability {
  const byLocation = new Map(rows.map((r) => [r.location_id, r]));
  const locations = sources.map((source) => {
    const row = byLocation.get(source.locationId);
    return { locationId: source.locationId, available: row ? sellable(Number(row.on_hand), Number(row.reserved), source.safetyStock) : 0 };
  });
  const available = locations.reduce((sum, l) => sum + l.available, 0);
  return { variantId, available, inStock: available > 0, locations };
}

/**
 * The platform's availability of a variant, batched per request: every variant asked for in
 * one request costs ONE statement (`inventory_level` by variant ids, ranges of its primary
 * key; levels at locations the platform does not sell from are dropped here, which is cheaper
 * than an `IN` over both columns — SQLite then probes every variant × location pair). The
 * platform's sources come from the locations module's in-memory cache, so nothing else touches
 * the database.
 */
export function loadAvailability(ctx: Ctx, platformId: string, sources: readonly StockSource[], variantId: string): Promise<VariantAvailability> {
  return ctx.loaders
    .get<string, VariantAvailability>(`inventory.availability:${platformId}`, async (variantIds) => {
      const rows = sources.length === 0
        ? []
        : ((await ctx.db(T.level).whereIn('variant_id', [...variantIds]).select('variant_id', 'location_id', 'on_hand', 'reserved')) as LevelCells[]);
      const byVariant = new Map<string, LevelCells[]>();
      for (const row of rows) {
        const list = byVariant.get(row.variant_id);
        if (list) list.push(row);
        else byVariant.set(row.variant_id, [row]);
      }
      return variantIds.map((id) => toAvailability(id, sources, byVariant.get(id) ?? []));
    })
    .load(variantId);
}
