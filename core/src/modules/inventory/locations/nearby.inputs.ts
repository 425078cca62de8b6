import { z } from 'zod';
import type { GeoPoint } from './location.records.js';

const point = z.object({
  latitude: z.number('must be a number').min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
  longitude: z.number('must be a number').min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
});

/** Input of `LocationService.nearby`: from a point or from one location, optionally within a radius. */
export const nearbyInput = z
  .object({
    platformId: z.string().min(1, 'is required'),
    point: point.nullish(),
    locationId: z.string().trim().min(1).nullish(),
    radiusKm: z.number().gt(0, 'must be more than 0').max(20_050, 'must be at most 20050 (half the Earth)').nullish(),
    pickupOnly: z.boolean().nullish(),
    limit: z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').nullish(),
  })
  .refine((i) => Boolean(i.point) !== Boolean(i.locationId), { message: 'give either a point or a locationId', path: ['point'] });

/** Input of `LocationService.nearby`. */
export interface NearbyInput {
  platformId: string;
  /** Search from this point… */
  point?: GeoPoint | null;
  /** …or from this location's coordinates (the customer's chosen store). */
  locationId?: string | null;
  /** Only locations within this many km. */
  radiusKm?: number | null;
  /** Only locations with pickup enabled. */
  pickupOnly?: boolean | null;
  /** At most this many (1–100; default all). */
  limit?: number | null;
}
