import { describe, expect, it } from 'vitest';
import { haversineKm } from './geo.js';

describe('haversineKm', () => {
  it('measures Madrid Puerta del Sol to Barcelona Plaça de Catalunya as about 505 km', () => {
    const sol = { latitude: 40.416775, longitude: -3.70379 };
    const catalunya = { latitude: 41.387015, longitude: 2.170047 };
    expect(Math.abs(haversineKm(sol, catalunya) - 505)).toBeLessThan(1);
    expect(haversineKm(catalunya, sol)).toBeCloseTo(haversineKm(sol, catalunya), 9);
  });

  it('measures other known distances', () => {
    // Big Ben → Statue of Liberty ≈ 5,575 km; one degree of latitude ≈ 111.2 km.
    expect(Math.abs(haversineKm({ latitude: 51.5007, longitude: -0.1246 }, { latitude: 40.6892, longitude: -74.0445 }) - 5575)).toBeLessThan(2);
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111.19, 1);
    expect(haversineKm({ latitude: 40.42, longitude: -3.7 }, { latitude: 40.42, longitude: -3.7 })).toBe(0);
    // Antipodes: half the circumference.
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});
