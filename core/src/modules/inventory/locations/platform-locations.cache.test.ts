import { describe, expect, it } from 'vitest';
import { PlatformLocationsCache } from './platform-locations.cache.js';
import type { PlatformLocationLink } from './location.records.js';

const links = [{ platformId: 'plat_a', locationId: 'loc_1', position: 0, safetyStock: 2 }] as PlatformLocationLink[];

describe('PlatformLocationsCache', () => {
  it('serves what was stored until it expires', () => {
    const cache = new PlatformLocationsCache();
    let now = 1_000;
    cache.now = () => now;
    cache.set('plat_a', links, cache.generation);
    expect(cache.get('plat_a')).toBe(links);
    now += cache.ttlMs;
    expect(cache.get('plat_a')).toBeUndefined();
  });

  it('drops a platform or everything on invalidation, and ignores a store that raced with one', () => {
    const cache = new PlatformLocationsCache();
    cache.set('plat_a', links, cache.generation);
    cache.set('plat_b', links, cache.generation);
    cache.forgetPlatform('plat_a');
    expect(cache.get('plat_a')).toBeUndefined();
    expect(cache.get('plat_b')).toBe(links);
    const before = cache.generation;
    cache.clear();
    expect(cache.get('plat_b')).toBeUndefined();
    cache.set('plat_b', links, before);
    expect(cache.get('plat_b')).toBeUndefined();
  });
});
