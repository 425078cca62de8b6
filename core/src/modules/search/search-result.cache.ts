/** Default lifetime of a cached search answer (ms). */
export const SEARCH_CACHE_TTL_MS = 3_000;
/** Most answers kept (the oldest go first). */
export const SEARCH_CACHE_MAX_ENTRIES = 1_000;

/**
 * A small in-process cache of search answers — which products match a page, facet counts,
 * totals — keyed by the platform, the search text and the filters, kept for `ttlMs`. A page
 * served from it still loads its products from the database (one statement) and drops any
 * that stopped being visible, so a cached answer can only be late by `ttlMs` about *which*
 * products match and their counts, never show a product that is not on sale, and product
 * fields are always current. `ttlMs = 0` turns it off (tests that check exactness may do so).
 */
export class SearchResultCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  ttlMs = SEARCH_CACHE_TTL_MS;
  maxEntries = SEARCH_CACHE_MAX_ENTRIES;
  /** The clock (tests may replace it). */
  now: () => number = Date.now;

  /** The cached value for `key`, or undefined. */
  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  /** Keeps `value` for `key` (no-op when the cache is off). */
  set(key: string, value: unknown): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * The cached value for `key`, or `load()`'s — shared by concurrent callers while it runs
   * (one statement for a burst of identical searches). A failed load is not kept.
   */
  async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.get<Promise<T>>(key);
    if (hit) return hit;
    const loading = load();
    this.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key)?.value === loading) this.entries.delete(key);
    });
    return loading;
  }

  /** Forgets everything (after a change this process made, e.g. a bulk import). */
  clear(): void {
    this.entries.clear();
  }
}
