import type { Ctx } from '../../kernel/context.js';
import { isTransaction } from '../../db/transaction.js';
import { PricingTables as T } from './pricing.tables.js';

/** How a platform prices: its price list (with the list's currency) and whether prices include tax. */
export interface PlatformPricing {
  platformId: string;
  priceListId: string | null;
  /** The linked list's currency; null without a list. */
  currency: string | null;
  /** Is the linked list active? (an archived list prices nothing) */
  listActive: boolean;
  pricesIncludeTax: boolean;
}

interface SnapshotRow {
  platform_id: string;
  price_list_id: string | null;
  currency: string | null;
  status: string | null;
  prices_include_tax: boolean | number | null;
}

/** Default lifetime of the snapshot: changes made by other instances show within this time. */
export const PLATFORM_PRICING_TTL_MS = 30_000;

/**
 * The in-process cache of every platform's pricing (platform → price list, list currency and
 * status, tax-inclusive flag): one small query loads all platforms at once, then channel
 * requests resolve their platform's list without SQL. Writes in this process call
 * {@link invalidate} after they commit; the snapshot also expires after `ttlMs` for changes
 * made by other instances. A load that raced with an invalidation is not kept.
 */
export class PlatformPricingCache {
  private snapshot: Map<string, PlatformPricing> | null = null;
  private expiresAt = 0;
  private loading: Promise<Map<string, PlatformPricing>> | null = null;
  private gen = 0;
  /** Snapshot lifetime in ms (tests may shorten it). */
  ttlMs = PLATFORM_PRICING_TTL_MS;
  /** The clock (tests may replace it). */
  now: () => number = Date.now;

  /** The pricing of `platformId` (a platform without a list or settings gets the defaults). */
  async get(ctx: Ctx, platformId: string): Promise<PlatformPricing> {
    const all = await this.all(ctx);
    return all.get(platformId) ?? { platformId, priceListId: null, currency: null, listActive: false, pricesIncludeTax: false };
  }

  /** Drops the snapshot; the next lookup reloads it. */
  invalidate(): void {
    this.gen++;
    this.snapshot = null;
    this.loading = null;
  }

  private async all(ctx: Ctx): Promise<Map<string, PlatformPricing>> {
    // Inside a transaction the rows may not be committed yet: read them, never cache them.
    if (isTransaction(ctx.db)) return load(ctx);
    if (this.snapshot && this.now() < this.expiresAt) return this.snapshot;
    if (!this.loading) {
      const gen = this.gen;
      const loading = load(ctx).then(
        (map) => {
          if (gen === this.gen) {
            this.snapshot = map;
            this.expiresAt = this.now() + this.ttlMs;
          }
          if (this.loading === loading) this.loading = null;
          return map;
        },
        (error: unknown) => {
          if (this.loading === loading) this.loading = null;
          throw error;
        },
      );
      this.loading = loading;
    }
    return this.loading;
  }
}

async function load(ctx: Ctx): Promise<Map<string, PlatformPricing>> {
  // price_list_id is the platform table's column reserved for this module (see platform.migrations.ts).
  const rows = (await ctx
    .db('platform as p')
    .leftJoin(`${T.priceList} as l`, 'l.id', 'p.price_list_id')
    .leftJoin(`${T.platformSetting} as s`, 's.platform_id', 'p.id')
    .where((q) => q.whereNotNull('p.price_list_id').orWhereNotNull('s.platform_id'))
    .select('p.id as platform_id', 'p.price_list_id', 'l.currency', 'l.status', 's.prices_include_tax')) as SnapshotRow[];
  const map = new Map<string, PlatformPricing>();
  for (const row of rows) {
    map.set(row.platform_id, {
      platformId: row.platform_id,
      priceListId: row.price_list_id,
      currency: row.currency,
      listActive: row.status === 'active',
      pricesIncludeTax: Boolean(row.prices_include_tax),
    });
  }
  return map;
}
