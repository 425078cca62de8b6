import type { Ctx } from '../../../kernel/context.js';
import { LocationTables as T } from './location.migrations.js';
import { toLocation, type LocationRow, type PlatformLocationLink } from './location.records.js';

type LinkRow = LocationRow & { link_platform_id: string; link_position: number; link_safety_stock: number };

/** A platform's links in order, with their location records: one query. */
export async function loadPlatformLinks(ctx: Ctx, platformId: string): Promise<PlatformLocationLink[]> {
  const rows = (await ctx
    .db(`${T.platformLocation} as pl`)
    .join(`${T.location} as l`, 'l.id', 'pl.location_id')
    .where('pl.platform_id', platformId)
    .orderBy('pl.position', 'asc')
    .select('l.*', 'pl.platform_id as link_platform_id', 'pl.position as link_position', 'pl.safety_stock as link_safety_stock')) as LinkRow[];
  return rows.map((row) => ({
    platformId: row.link_platform_id,
    locationId: row.id,
    position: Number(row.link_position),
    safetyStock: Number(row.link_safety_stock),
    location: toLocation(row),
  }));
}

/** Replaces a platform's links with `links` (in this order, positions 0…n-1). Run it in a transaction. */
export async function replacePlatformLinks(trx: Ctx, platformId: string, links: readonly { locationId: string; safetyStock: number }[]): Promise<void> {
  await trx.db(T.platformLocation).where('platform_id', platformId).delete();
  if (links.length === 0) return;
  await trx.db(T.platformLocation).insert(links.map((l, position) => ({ platform_id: platformId, location_id: l.locationId, position, safety_stock: l.safetyStock })));
}
