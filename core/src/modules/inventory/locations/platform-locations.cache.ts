import type { PlatformLocationLink } from './location.records.js';

/** Default time an entry lives: other instances' changes show here within this time. */
export const PLATFORM_LOCATIONS_TTL_MS = 30_000;

interface Entry {
  links: readonly PlatformLocationLink[];
  expiresAt: number;
}

/**
 * The in-process cache of each platform's ordered locations (links with safety stock and the
 * location records), so the availability path reads them without SQL. Writes in this process
 * invalidate it after their transaction commits (`forgetPlatform` for a platform's links,
 * `clear` for a change to any location); entries also expire after `ttlMs`, so changes made
 * by other instances show within that time.
 *
 * A lookup that raced with an invalidation is not stored: `generation` changes on every
 * invalidation, and `set` is ignored when the generation read before the query is stale.
 */
export class PlatformLocationsCache {
  private readonly entries = new Map<string, Entry>();
  private gen = 0;
  /** Entry lifetime in ms (tests may shorten it). */
  ttlMs = PLATFORM_LOCATIONS_TTL_MS;
  /** The clock of expiry (tests may replace it). */
  now: () => number = Date.now;

  /** The invalidation counter; read it before the lookup query and pass it to {@link set}. */
  get generation(): number {
    return this.gen;
  }

  /** The cached links of a platform, or undefined when absent or expired. */
  get(platformId: string): readonly PlatformLocationLink[] | undefined {
    const entry = this.entries.get(platformId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(platformId);
      return undefined;
    }
    return entry.links;
  }

  /** Stores a platform's links unless the cache was invalidated since `generation` was read. */
  set(platformId: string, links: readonly PlatformLocationLink[], generation: number): void {
    if (generation !== this.gen) return;
    this.entries.set(platformId, { links, expiresAt: this.now() + this.ttlMs });
  }

  /** Drops one platform's links (they were replaced). */
  forgetPlatform(platformId: string): void {
    this.gen++;
    this.entries.delete(platformId);
  }

  /** Drops everything (a location changed: it may be linked to any platform). */
  clear(): void {
    this.gen++;
    this.entries.clear();
  }
}
