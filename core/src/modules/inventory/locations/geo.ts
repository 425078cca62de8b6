import type { GeoPoint } from './location.records.js';

/** Mean Earth radius in km (IUGG), the usual constant for haversine distances. */
export const EARTH_RADIUS_KM = 6371.0088;

const rad = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * The great-circle distance between two points in km (haversine formula on a spherical Earth;
 * within about 0.5 % of the ellipsoidal distance — plenty for "stores near me").
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
