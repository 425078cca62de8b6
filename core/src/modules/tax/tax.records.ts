import type { Ctx } from '../../kernel/context.js';
import { epochMillis } from '../../db/epoch-column.js';
import type { AppliedRate, TaxCategory } from './tax-engine.js';
import { TaxTables as T } from './tax.tables.js';
import type { ZoneMember } from './zone-match.js';

/** A tax zone with its members and rates. */
export interface TaxZone {
  id: string;
  code: string;
  name: string;
  members: ZoneMember[];
  /** Rates by category (a category without a rate is untaxed in this zone). */
  rates: AppliedRate[];
  createdAt: Date;
  updatedAt: Date;
}

interface ZoneRow { id: string; code: string; name: string; created_at: number | string; updated_at: number | string }
interface MemberRow { zone_id: string; country: string; region: string | null; postal_prefix: string | null }
interface RateRow { zone_id: string; category: string; rate_bp: number | string; name: string }

/** Loads zones (all, or the given ids) with members and rates in three queries. */
export async function loadZones(ctx: Ctx, ids?: readonly string[]): Promise<TaxZone[]> {
  const zq = ctx.db(T.zone).orderBy('code');
  if (ids) zq.whereIn('id', ids);
  const zones = (await zq) as ZoneRow[];
  if (zones.length === 0) return [];
  const zoneIds = zones.map((z) => z.id);
  const members = (await ctx.db(T.zoneMember).whereIn('zone_id', zoneIds).orderBy(['zone_id', 'position'])) as MemberRow[];
  const rates = (await ctx.db(T.rate).whereIn('zone_id', zoneIds)) as RateRow[];
  return zones.map((z) => ({
    id: z.id,
    code: z.code,
    name: z.name,
    members: members.filter((m) => m.zone_id === z.id).map((m) => ({ country: m.country, region: m.region, postalPrefix: m.postal_prefix })),
    rates: rates
      .filter((r) => r.zone_id === z.id)
      .map((r) => ({ category: r.category as TaxCategory, rateBp: Number(r.rate_bp), name: r.name }))
      .sort((a, b) => b.rateBp - a.rateBp),
    createdAt: new Date(epochMillis(z.created_at)),
    updatedAt: new Date(epochMillis(z.updated_at)),
  }));
}

/** What audit entries keep of a zone (no personal data here: configuration only). */
export function zoneSummary(zone: TaxZone): Record<string, unknown> {
  return { code: zone.code, name: zone.name, members: zone.members, rates: zone.rates.map((r) => ({ category: r.category, rateBp: r.rateBp })) };
}
