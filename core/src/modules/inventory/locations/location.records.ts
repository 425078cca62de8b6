import { fromJson, toJson } from '../../../db/json-column.js';
import { epochMillis } from '../../../db/epoch-column.js';
import type { OpeningHours } from './opening-hours.types.js';

/** What a stock location is. */
export type LocationType = 'warehouse' | 'store' | 'dark_store' | 'dropship';
/** Every location type. */
export const LOCATION_TYPES: readonly LocationType[] = ['warehouse', 'store', 'dark_store', 'dropship'];
/** Inactive locations keep their links and history but are not sold from nor shown. */
export type LocationStatus = 'active' | 'inactive';

/** A postal address; `country` is an ISO 3166-1 alpha-2 code. */
export interface LocationAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
}

/** A point on Earth in decimal degrees (WGS 84). */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A stock location: a warehouse, store, dark store or dropship supplier. */
export interface StockLocation {
  id: string;
  code: string;
  name: string;
  type: LocationType;
  status: LocationStatus;
  address: LocationAddress | null;
  /** Both set or both null. */
  latitude: number | null;
  longitude: number | null;
  /** IANA time zone of the opening hours, e.g. Europe/Madrid. */
  timeZone: string;
  /** Null: no hours (open around the clock as far as Plaza knows). */
  openingHours: OpeningHours | null;
  pickupEnabled: boolean;
  shipFromEnabled: boolean;
  /** Minutes to prepare a pickup order. */
  preparationMinutes: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One location a platform sells from, in the platform's order, with its safety stock there. */
export interface PlatformLocationLink {
  platformId: string;
  locationId: string;
  /** 0-based order in the platform's list. */
  position: number;
  /** Units held back from this platform at this location (available to sell = on hand − reserved − safety stock). */
  safetyStock: number;
  location: StockLocation;
}

/** An `inventory_location` row as the database returns it. */
export interface LocationRow {
  id: string;
  code: string;
  name: string;
  type: LocationType;
  status: LocationStatus;
  address: unknown;
  latitude: number | string | null;
  longitude: number | string | null;
  time_zone: string;
  opening_hours: unknown;
  pickup_enabled: boolean | number;
  ship_from_enabled: boolean | number;
  preparation_minutes: number;
  created_at: number | string;
  updated_at: number | string;
}

/** An `inventory_platform_location` row. */
export interface PlatformLocationRow {
  platform_id: string;
  location_id: string;
  position: number;
  safety_stock: number;
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** Maps a location row. */
export function toLocation(row: LocationRow): StockLocation {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    status: row.status,
    address: fromJson<LocationAddress | null>(row.address) ?? null,
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    timeZone: row.time_zone,
    openingHours: fromJson<OpeningHours | null>(row.opening_hours) ?? null,
    pickupEnabled: Boolean(row.pickup_enabled),
    shipFromEnabled: Boolean(row.ship_from_enabled),
    preparationMinutes: Number(row.preparation_minutes),
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

/** What the audit log keeps of a location. */
export function locationSummary(l: StockLocation): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = l;
  return rest;
}

/** The columns of a location's editable fields (JSON columns serialised). */
export function toLocationColumns(fields: Partial<Omit<StockLocation, 'id' | 'createdAt' | 'updatedAt'>>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  const map: Record<string, string> = {
    code: 'code', name: 'name', type: 'type', status: 'status', latitude: 'latitude', longitude: 'longitude', timeZone: 'time_zone',
    pickupEnabled: 'pickup_enabled', shipFromEnabled: 'ship_from_enabled', preparationMinutes: 'preparation_minutes',
  };
  for (const [key, column] of Object.entries(map)) if (key in fields) columns[column] = (fields as Record<string, unknown>)[key];
  if ('address' in fields) columns.address = fields.address ? toJson(fields.address) : null;
  if ('openingHours' in fields) columns.opening_hours = fields.openingHours ? toJson(fields.openingHours) : null;
  return columns;
}
