import type { Ctx } from '../../../kernel/context.js';
import type { ScalePlan } from '../../../kernel/plugin.js';
import { newId } from '../../../kernel/ids.js';
import { toJson } from '../../../db/json-column.js';
import { LocationTables as T } from './location.migrations.js';
import type { OpeningHours } from './opening-hours.types.js';

/** Spanish cities the generated stores are spread over (latitude, longitude). */
const CITIES: [string, number, number][] = [
  ['Barcelona', 41.3874, 2.1686],
  ['Valencia', 39.4699, -0.3763],
  ['Sevilla', 37.3891, -5.9845],
  ['Zaragoza', 41.6488, -0.8891],
  ['Málaga', 36.7213, -4.4214],
  ['Bilbao', 43.263, -2.935],
  ['Alicante', 38.3452, -0.481],
  ['Valladolid', 41.6523, -4.7245],
  ['Vigo', 42.2406, -8.7207],
  ['Gijón', 43.5322, -5.6611],
  ['Granada', 37.1773, -3.5986],
  ['A Coruña', 43.3623, -8.4115],
  ['Palma', 39.5696, 2.6502],
  ['Murcia', 37.9922, -1.1307],
  ['Santander', 43.4623, -3.8099],
  ['Pamplona', 42.8125, -1.6458],
  ['Salamanca', 40.9701, -5.6635],
  ['Córdoba', 37.8882, -4.7794],
  ['Oviedo', 43.3614, -5.8494],
  ['Cádiz', 36.5271, -6.2886],
];

const HOURS: OpeningHours = {
  weekly: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).map((day) => ({ day, intervals: [{ opens: '10:00', closes: '21:00' }] })),
  exceptions: [],
};

/**
 * `plaza seed --scale N`, locations part: stores in Spanish cities until there are
 * `plan.locations` active locations, and every active location linked to every active
 * platform (after the links it already has, no safety stock).
 */
export async function seedLocationsScale(ctx: Ctx, plan: ScalePlan): Promise<void> {
  const active = Number(((await ctx.db(T.location).where('status', 'active').count({ n: '*' }).first()) as { n: number | string }).n);
  const now = Date.now();
  const created: object[] = [];
  for (let i = 0; active + created.length < plan.locations && i < CITIES.length; i++) {
    const [city, latitude, longitude] = CITIES[i]!;
    const code = `scale-store-${i + 1}`;
    if (await ctx.db(T.location).where('code', code).first('id')) continue;
    created.push({
      id: newId('loc'),
      code,
      name: `${city} store`,
      type: 'store',
      status: 'active',
      address: toJson({ line1: 'Calle Mayor 1', line2: null, city, region: null, postalCode: null, country: 'ES' }),
      latitude,
      longitude,
      time_zone: 'Europe/Madrid',
      opening_hours: toJson(HOURS),
      pickup_enabled: true,
      ship_from_enabled: true,
      preparation_minutes: 30,
      created_at: now,
      updated_at: now,
    });
  }
  await ctx.db.transaction(async (trx) => {
    if (created.length > 0) await trx(T.location).insert(created);
    const locations = ((await trx(T.location).where('status', 'active').orderBy('id').select('id')) as { id: string }[]).map((l) => l.id);
    const platforms = ((await trx('platform').where('status', 'active').select('id')) as { id: string }[]).map((p) => p.id);
    for (const platformId of platforms) {
      const links = (await trx(T.platformLocation).where('platform_id', platformId).select('location_id', 'position')) as { location_id: string; position: number }[];
      const linked = new Set(links.map((l) => l.location_id));
      let position = links.reduce((max, l) => Math.max(max, Number(l.position)), -1);
      const rows = locations.filter((id) => !linked.has(id)).map((location_id) => ({ platform_id: platformId, location_id, position: ++position, safety_stock: 0 }));
      if (rows.length > 0) await trx(T.platformLocation).insert(rows);
    }
  });
  plan.progress('locations', plan.locations, plan.locations);
}
