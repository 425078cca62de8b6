import type { Ctx } from '../../kernel/context.js';
import { epochMillis } from '../../db/epoch-column.js';
import { fromJson } from '../../db/json-column.js';
import type { RateType, ShippingMethod, ShippingZone } from './shipping-engine.js';
import { ShippingTables as T } from './shipping.tables.js';

interface ZoneRow { id: string; code: string; name: string; created_at: number | string; updated_at: number | string }
interface MemberRow { zone_id: string; country: string; region: string | null; postal_prefix: string | null }
/** A method row. */
export interface MethodRow {
  id: string;
  zone_id: string;
  code: string;
  name: string;
  carrier: string | null;
  min_days: number;
  max_days: number;
  active: boolean | number;
  platform_ids: string;
  rate_type: string;
  position: number;
  created_at: number | string;
  updated_at: number | string;
}
interface RateRow { method_id: string; currency: string; min_value: number | string; max_value: number | string | null; amount: number | string }

/** Methods (of the given zones, or the given method ids) with their rates. */
export async function loadMethods(ctx: Ctx, by: { zoneIds?: readonly string[]; ids?: readonly string[] }): Promise<ShippingMethod[]> {
  const q = ctx.db(T.method).orderBy(['zone_id', 'position', 'id']);
  if (by.zoneIds) q.whereIn('zone_id', by.zoneIds);
  if (by.ids) q.whereIn('id', by.ids);
  const rows = (await q) as MethodRow[];
  if (rows.length === 0) return [];
  const rates = (await ctx.db(T.rate).whereIn('method_id', rows.map((r) => r.id)).orderBy(['method_id', 'currency', 'min_value'])) as RateRow[];
  return rows.map((r) => ({
    id: r.id,
    zoneId: r.zone_id,
    code: r.code,
    name: r.name,
    carrier: r.carrier,
    minDays: Number(r.min_days),
    maxDays: Number(r.max_days),
    active: Boolean(r.active),
    platformIds: fromJson<string[]>(r.platform_ids) ?? [],
    rateType: r.rate_type as RateType,
    rates: rates
      .filter((x) => x.method_id === r.id)
      .map((x) => ({ currency: x.currency, min: Number(x.min_value), max: x.max_value === null ? null : Number(x.max_value), amount: Number(x.amount) })),
    position: Number(r.position),
    createdAt: new Date(epochMillis(r.created_at)),
    updatedAt: new Date(epochMillis(r.updated_at)),
  }));
}

/** Zones (all, or the given ids) with members and methods. */
export async function loadZones(ctx: Ctx, ids?: readonly string[]): Promise<ShippingZone[]> {
  const zq = ctx.db(T.zone).orderBy('code');
  if (ids) zq.whereIn('id', ids);
  const zones = (await zq) as ZoneRow[];
  if (zones.length === 0) return [];
  const zoneIds = zones.map((z) => z.id);
  const members = (await ctx.db(T.zoneMember).whereIn('zone_id', zoneIds).orderBy(['zone_id', 'position'])) as MemberRow[];
  const methods = await loadMethods(ctx, { zoneIds });
  return zones.map((z) => ({
    id: z.id,
    code: z.code,
    name: z.name,
    members: members.filter((m) => m.zone_id === z.id).map((m) => ({ country: m.country, region: m.region, postalPrefix: m.postal_prefix })),
    methods: methods.filter((m) => m.zoneId === z.id),
    createdAt: new Date(epochMillis(z.created_at)),
    updatedAt: new Date(epochMillis(z.updated_at)),
  }));
}

/** What audit entries keep of a zone. */
export function zoneSummary(zone: ShippingZone): Record<string, unknown> {
  return { code: zone.code, name: zone.name, members: zone.members };
}

/** What audit entries keep of a method. */
export function methodSummary(m: ShippingMethod): Record<string, unknown> {
  return { code: m.code, name: m.name, carrier: m.carrier, minDays: m.minDays, maxDays: m.maxDays, active: m.active, platformIds: m.platformIds, rateType: m.rateType, rates: m.rates };
}
