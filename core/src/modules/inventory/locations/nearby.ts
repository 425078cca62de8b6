import { haversineKm } from './geo.js';
import type { GeoPoint, PlatformLocationLink } from './location.records.js';
import { pickupReadiness, type PickupReadiness } from './pickup-readiness.js';

/** A platform location with its distance from the searched point and its pickup readiness (`readyAt` null when pickup is off). */
export interface NearbyLocation extends PlatformLocationLink {
  distanceKm: number;
  readiness: PickupReadiness;
}

/** What {@link nearbyAmong} keeps and how many. */
export interface NearbyOptions {
  /** Only locations within this many km (default: any distance). */
  radiusKm?: number | null;
  /** Only locations with pickup enabled. */
  pickupOnly?: boolean | null;
  /** At most this many (default: all). */
  limit?: number | null;
}

/**
 * The active links with coordinates, sorted by distance from `origin` (then the platform's
 * order), within the radius, each with its pickup readiness at `now`. Pure: no SQL.
 */
export function nearbyAmong(links: readonly PlatformLocationLink[], origin: GeoPoint, options: NearbyOptions, now: Date): NearbyLocation[] {
  const found: Omit<NearbyLocation, 'readiness'>[] = [];
  for (const link of links) {
    const l = link.location;
    if (l.status !== 'active' || l.latitude === null || l.longitude === null) continue;
    if (options.pickupOnly && !l.pickupEnabled) continue;
    const distanceKm = haversineKm(origin, { latitude: l.latitude, longitude: l.longitude });
    if (options.radiusKm !== null && options.radiusKm !== undefined && distanceKm > options.radiusKm) continue;
    found.push({ ...link, distanceKm });
  }
  found.sort((a, b) => a.distanceKm - b.distanceKm || a.position - b.position);
  const kept = options.limit ? found.slice(0, options.limit) : found;
  return kept.map((n) => {
    const readiness = pickupReadiness(n.location, now);
    return { ...n, readiness: n.location.pickupEnabled ? readiness : { ...readiness, readyAt: null } };
  });
}
