import type { Ctx } from '../../../kernel/context.js';
import type { PluginScope } from '../../../kernel/plugin.js';
import { PlatformService } from '../../platforms/index.js';
import type { CreateLocationInput } from './location.inputs.js';
import { LocationTables as T } from './location.migrations.js';
import { LocationService } from './location.service.js';
import type { OpeningHours, TimeInterval, Weekday } from './opening-hours.types.js';

const MON_SAT: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MON_FRI: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const iv = (opens: string, closes: string): TimeInterval => ({ opens, closes });

/** Spanish national holidays at the end of 2026 (closed) and shorter hours on the eves. */
const HOLIDAYS: OpeningHours['exceptions'] = [
  { date: '2026-12-08', intervals: [], note: 'Inmaculada Concepción' },
  { date: '2026-12-24', intervals: [iv('10:00', '18:00')], note: 'Nochebuena' },
  { date: '2026-12-25', intervals: [], note: 'Navidad' },
  { date: '2026-12-31', intervals: [iv('10:00', '18:00')], note: 'Nochevieja' },
  { date: '2027-01-01', intervals: [], note: 'Año Nuevo' },
  { date: '2027-01-06', intervals: [], note: 'Reyes' },
];

function hours(days: Weekday[], intervals: TimeInterval[], extra: OpeningHours['weekly'] = []): OpeningHours {
  return { weekly: [...days.map((day) => ({ day, intervals })), ...extra], exceptions: HOLIDAYS };
}

const madrid = (line1: string, postalCode: string) => ({ line1, city: 'Madrid', region: 'Comunidad de Madrid', postalCode, country: 'ES' });

/** The demo locations: a warehouse, three Madrid stores and a dark store, with real coordinates. */
export const DEMO_LOCATIONS: CreateLocationInput[] = [
  {
    code: 'madrid-central-warehouse', name: 'Madrid Central Warehouse', type: 'warehouse', timeZone: 'Europe/Madrid',
    address: { line1: 'Calle de la Rioja 21, Centro de Transportes de Coslada', city: 'Coslada', region: 'Comunidad de Madrid', postalCode: '28821', country: 'ES' },
    latitude: 40.4297, longitude: -3.5406, openingHours: hours(MON_FRI, [iv('07:00', '19:00')]), pickupEnabled: false, shipFromEnabled: true, preparationMinutes: 0,
  },
  {
    code: 'madrid-gran-via', name: 'Gran Vía', type: 'store', timeZone: 'Europe/Madrid', address: madrid('Gran Vía 32', '28013'),
    latitude: 40.4202, longitude: -3.7046, openingHours: hours(MON_SAT, [iv('10:00', '21:00')], [{ day: 'sunday', intervals: [iv('11:00', '20:00')] }]),
    pickupEnabled: true, shipFromEnabled: true, preparationMinutes: 30,
  },
  {
    code: 'madrid-salamanca', name: 'Salamanca', type: 'store', timeZone: 'Europe/Madrid', address: madrid('Calle de Serrano 52', '28001'),
    latitude: 40.4275, longitude: -3.687, openingHours: hours(MON_SAT, [iv('10:00', '21:00')]), pickupEnabled: true, shipFromEnabled: true, preparationMinutes: 45,
  },
  {
    code: 'madrid-chamberi', name: 'Chamberí', type: 'store', timeZone: 'Europe/Madrid', address: madrid('Calle de Fuencarral 148', '28010'),
    latitude: 40.4326, longitude: -3.7025, openingHours: hours(MON_FRI, [iv('10:00', '14:00'), iv('17:00', '21:00')], [{ day: 'saturday', intervals: [iv('10:00', '14:00')] }]),
    pickupEnabled: true, shipFromEnabled: false, preparationMinutes: 60,
  },
  {
    code: 'madrid-dark-store-arganzuela', name: 'Madrid Dark Store Arganzuela', type: 'dark_store', timeZone: 'Europe/Madrid', address: madrid('Paseo de la Chopera 14', '28045'),
    latitude: 40.3945, longitude: -3.7, openingHours: hours([...MON_SAT, 'sunday'], [iv('08:00', '24:00')]), pickupEnabled: false, shipFromEnabled: true, preparationMinutes: 15,
  },
];

const STORES = ['madrid-gran-via', 'madrid-salamanca', 'madrid-chamberi'];

/** Demo links: web-es sells from the warehouse then the stores; app-es from the stores, holding 1 back at each. */
export const DEMO_PLATFORM_LOCATIONS: Record<string, { code: string; safetyStock: number }[]> = {
  'web-es': ['madrid-central-warehouse', ...STORES].map((code) => ({ code, safetyStock: 0 })),
  'app-es': STORES.map((code) => ({ code, safetyStock: 1 })),
};

/**
 * Demo seed: the demo locations (a code that exists is left alone) and the demo platforms'
 * links (only for a demo platform that has none yet).
 */
export async function seedDemoLocations(ctx: Ctx, scope: PluginScope<unknown>): Promise<void> {
  const locations = scope.container.resolve(LocationService);
  const ids = new Map<string, string>();
  for (const input of DEMO_LOCATIONS) {
    const existing = (await ctx.db(T.location).where('code', input.code).first('id')) as { id: string } | undefined;
    ids.set(input.code, existing?.id ?? (await locations.create(ctx, input)).id);
  }
  const platforms = scope.container.resolve(PlatformService);
  for (const [platformCode, links] of Object.entries(DEMO_PLATFORM_LOCATIONS)) {
    const page = await platforms.list(ctx, { first: 5, filter: { search: platformCode } });
    const platform = page.edges.map((e) => e.node).find((p) => p.code === platformCode);
    if (!platform || (await locations.platformLocations(ctx, platform.id)).length > 0) continue;
    await locations.setPlatformLocations(ctx, platform.id, links.map((l) => ({ locationId: ids.get(l.code)!, safetyStock: l.safetyStock })));
  }
}
