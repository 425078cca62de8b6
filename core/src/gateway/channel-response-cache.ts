import type { ExecutionResult } from 'graphql';
import type { Cache } from '@graphql-yoga/plugin-response-cache';

interface Entry {
  data: ExecutionResult;
  expiresAt: number;
}

/**
 * The channel API's response cache: whole results of anonymous catalog reads, per platform key
 * and operation, for `ttlMs`. Any committed domain event clears it (see the gateway), so a
 * price, stock or assortment change is visible to the next request on this instance; other
 * instances see it within `ttlMs`. Bounded to `maxEntries` (least recently used go first).
 */
export class ChannelResponseCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  /** Results cached and served since start, for logs and tests. */
  readonly stats = { hits: 0, misses: 0, clears: 0 };

  constructor(
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): ExecutionResult | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) this.entries.delete(key);
      this.stats.misses++;
      return undefined;
    }
    // Refresh its place in the eviction order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry.data;
  }

  set(key: string, data: ExecutionResult, _entities: unknown, ttlMs: number): void {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { data, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Entity-level invalidation is coarse here: any change clears every cached result. */
  invalidate(): void {
    this.clear();
  }

  /** Forgets every cached result. */
  clear(): void {
    if (this.entries.size === 0) return;
    this.entries.clear();
    this.stats.clears++;
  }
}
