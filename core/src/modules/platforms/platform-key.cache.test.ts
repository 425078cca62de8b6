import { describe, expect, it } from 'vitest';
import { PlatformKeyCache, type KeyResolution } from './platform-key.cache.js';

const ok = (id: string): KeyResolution => ({ ok: true, platform: { id, code: id, type: 'headless', currency: 'EUR', locale: 'es-ES' }, name: id });

describe('PlatformKeyCache', () => {
  it('serves entries until they expire', () => {
    const cache = new PlatformKeyCache();
    let now = 1_000;
    cache.now = () => now;
    cache.set('h1', ok('plat_a'), cache.generation);
    expect(cache.get('h1')).toEqual(ok('plat_a'));
    expect(cache.platform('plat_a')?.name).toBe('plat_a');
    now += cache.ttlMs;
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.platform('plat_a')).toBeUndefined();
  });

  it('drops a key, or every key of a platform, including refusals', () => {
    const cache = new PlatformKeyCache();
    cache.set('h1', ok('plat_a'), cache.generation);
    cache.set('h2', { ok: false, reason: 'PLATFORM_KEY_REVOKED', platformId: 'plat_a' }, cache.generation);
    cache.set('h3', ok('plat_b'), cache.generation);
    cache.forgetPlatform('plat_a');
    expect([cache.get('h1'), cache.get('h2')]).toEqual([undefined, undefined]);
    expect(cache.get('h3')).toBeDefined();
    cache.forgetKey('h3');
    expect(cache.get('h3')).toBeUndefined();
  });

  it('does not store a lookup that raced with an invalidation', () => {
    const cache = new PlatformKeyCache();
    const before = cache.generation;
    cache.forgetPlatform('plat_a'); // a write committed while the lookup query ran
    cache.set('h1', ok('plat_a'), before);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('keeps at most maxEntries, evicting the oldest', () => {
    const cache = new PlatformKeyCache(2);
    for (const h of ['h1', 'h2', 'h3']) cache.set(h, { ok: false, reason: 'PLATFORM_KEY_UNKNOWN', platformId: null }, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h3')).toBeDefined();
  });
});
