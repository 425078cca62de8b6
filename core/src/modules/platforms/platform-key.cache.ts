import type { PlatformRef } from '../../kernel/context.js';

/** Why a key is refused, as the UNAUTHENTICATED `reason` says. */
export type KeyRefusal = 'PLATFORM_KEY_UNKNOWN' | 'PLATFORM_KEY_REVOKED' | 'PLATFORM_DISABLED';

/** What a key resolves to: its platform, or why it is refused. */
export type KeyResolution = { ok: true; platform: PlatformRef; name: string } | { ok: false; reason: KeyRefusal; platformId: string | null };

interface Entry {
  resolution: KeyResolution;
  expiresAt: number;
}

/** Default time an entry lives: other instances' changes show here within this time. */
export const KEY_CACHE_TTL_MS = 30_000;
/** Entries kept at most (unknown keys are cached too; the oldest go first). */
export const KEY_CACHE_MAX_ENTRIES = 10_000;

/**
 * The in-process cache of publishable-key lookups: key hash → platform (or a refusal).
 * Writes in this process invalidate it at once (`forgetKey`, `forgetPlatform`); entries also
 * expire after `ttlMs`, so changes made by other instances take effect within that time.
 * (Event-driven invalidation across instances is a later step.)
 *
 * A lookup that raced with an invalidation is not stored: `generation` changes on every
 * invalidation, and `set` is ignored when the generation read before the query is stale.
 */
export class PlatformKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly platforms = new Map<string, { value: { platform: PlatformRef; name: string }; expiresAt: number }>();
  private gen = 0;
  /** Entry lifetime in ms (tests may shorten it). */
  ttlMs = KEY_CACHE_TTL_MS;
  /** The clock (tests may replace it). */
  now: () => number = Date.now;

  constructor(private readonly maxEntries = KEY_CACHE_MAX_ENTRIES) {}

  /** The invalidation counter; read it before a lookup query and pass it to {@link set}. */
  get generation(): number {
    return this.gen;
  }

  /** How many entries are cached (fresh or not). */
  get size(): number {
    return this.entries.size;
  }

  /** The cached resolution of a key hash, or undefined when absent or expired. */
  get(keyHash: string): KeyResolution | undefined {
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return entry.resolution;
  }

  /** The cached platform with this id (from any fresh entry), for the channel API's extra fields. */
  platform(platformId: string): { platform: PlatformRef; name: string } | undefined {
    const entry = this.platforms.get(platformId);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.platforms.delete(platformId);
    return undefined;
  }

  /** Stores a resolution unless the cache was invalidated since `generation` was read. */
  set(keyHash: string, resolution: KeyResolution, generation: number): void {
    if (generation !== this.gen) return;
    this.entries.delete(keyHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const expiresAt = this.now() + this.ttlMs;
    this.entries.set(keyHash, { resolution, expiresAt });
    if (resolution.ok) this.platforms.set(resolution.platform.id, { value: { platform: resolution.platform, name: resolution.name }, expiresAt });
  }

  /** Drops one key (revoked, rotated, or just created — a stale "unknown" must not linger). */
  forgetKey(keyHash: string): void {
    this.gen++;
    this.entries.delete(keyHash);
  }

  /** Drops every key of a platform (disabled, enabled, edited). */
  forgetPlatform(platformId: string): void {
    this.gen++;
    this.platforms.delete(platformId);
    for (const [hash, entry] of this.entries) {
      const r = entry.resolution;
      if ((r.ok ? r.platform.id : r.platformId) === platformId) this.entries.delete(hash);
    }
  }

  /** Drops everything. */
  clear(): void {
    this.gen++;
    this.entries.clear();
    this.platforms.clear();
  }
}
