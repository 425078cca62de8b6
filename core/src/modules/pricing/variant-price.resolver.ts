import type DataLoader from 'dataloader';
import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { epochMillis, epochMillisOrNull } from '../../db/epoch-column.js';
import type { CustomerGroupResolver } from './customer-groups.js';
import { PlatformPricingCache } from './platform-pricing.cache.js';
import { pickPrice, type PriceCandidate } from './price-rule.js';
import { PricingTables as T } from './pricing.tables.js';
import { PricingTokens } from './pricing.tokens.js';

/** The price a shopper sees for a variant on a platform. Amounts in minor units. */
export interface VariantPrice {
  variantId: string;
  /** The price row that applied. */
  priceId: string;
  amount: number;
  compareAtAmount: number | null;
  currency: string;
  /** Do the platform's prices include tax? */
  includesTax: boolean;
  customerGroupId: string | null;
  /** When the applied price stops (a sale's end), or null. */
  endsAt: Date | null;
}

/** What to resolve prices for. */
export interface PriceResolutionInput {
  platformId: string;
  /** The platform's currency: a list in another currency prices nothing. */
  currency: string;
  variantIds: readonly string[];
  /** The customer's groups (default: none). */
  groups?: readonly string[];
  /** The moment (default: now). */
  at?: Date;
  /** The quantity (default 1). */
  quantity?: number;
}

interface CandidateRow {
  id: string;
  variant_id: string;
  amount: string | number;
  compare_at_amount: string | number | null;
  customer_group_id: string | null;
  starts_at: string | number | null;
  ends_at: string | number | null;
  min_quantity: number;
}

/** The per-request loader key (one batch per request for every variant of a response). */
export const VARIANT_PRICE_LOADER = 'pricing.variantPrice';
/** The per-request loader key of the customer's groups. */
const GROUPS_LOADER = 'pricing.customerGroups';

/**
 * Resolves the prices of variants for a platform: the platform's list comes from the
 * in-memory {@link PlatformPricingCache} (no SQL), then ONE statement reads every applicable
 * price row of all the variants (served by the index on (price_list_id, variant_id, …)), and
 * {@link pickPrice} chooses the most specific one per variant.
 */
@injectable()
export class VariantPriceResolver {
  constructor(
    @inject(PlatformPricingCache) private readonly cache: PlatformPricingCache,
    @inject(PricingTokens.Groups) private readonly groups: CustomerGroupResolver,
  ) {}

  /** Prices of `variantIds` (null where unpriced), in the order asked. */
  async resolve(ctx: Ctx, input: PriceResolutionInput): Promise<(VariantPrice | null)[]> {
    const none = input.variantIds.map(() => null);
    const pricing = await this.cache.get(ctx, input.platformId);
    if (!pricing.priceListId || !pricing.listActive || pricing.currency !== input.currency || input.variantIds.length === 0) return none;
    const at = (input.at ?? new Date()).getTime();
    const quantity = input.quantity ?? 1;
    const groups = [...new Set(input.groups ?? [])];
    const unique = [...new Set(input.variantIds)];
    const query = ctx
      .db(T.price)
      .where('price_list_id', pricing.priceListId)
      .whereIn('variant_id', unique)
      .where('min_quantity', '<=', quantity)
      .where((q) => {
        q.whereNull('customer_group_id');
        if (groups.length > 0) q.orWhereIn('customer_group_id', groups);
      })
      .where((q) => q.whereNull('starts_at').orWhere('starts_at', '<=', at))
      .where((q) => q.whereNull('ends_at').orWhere('ends_at', '>', at))
      .select('id', 'variant_id', 'amount', 'compare_at_amount', 'customer_group_id', 'starts_at', 'ends_at', 'min_quantity');
    const rows = (await query) as CandidateRow[];
    const byVariant = new Map<string, (PriceCandidate & { variantId: string })[]>();
    for (const row of rows) {
      const list = byVariant.get(row.variant_id) ?? [];
      list.push({
        id: row.id,
        variantId: row.variant_id,
        amount: epochMillis(row.amount),
        compareAtAmount: epochMillisOrNull(row.compare_at_amount),
        customerGroupId: row.customer_group_id,
        startsAt: epochMillisOrNull(row.starts_at),
        endsAt: epochMillisOrNull(row.ends_at),
        minQuantity: Number(row.min_quantity),
      });
      byVariant.set(row.variant_id, list);
    }
    const query2 = { groups: new Set(groups), at, quantity };
    return input.variantIds.map((variantId) => {
      const best = pickPrice(byVariant.get(variantId) ?? [], query2);
      if (!best) return null;
      return {
        variantId,
        priceId: best.id,
        amount: best.amount,
        compareAtAmount: best.compareAtAmount,
        currency: input.currency,
        includesTax: pricing.pricesIncludeTax,
        customerGroupId: best.customerGroupId,
        endsAt: best.endsAt === null ? null : new Date(best.endsAt),
      };
    });
  }

  /**
   * The request's loader of variant prices for `ctx.platform` and `ctx`'s customer, now, at
   * quantity 1: every `load(variantId)` of a response is answered by one SQL statement.
   */
  loader(ctx: Ctx): DataLoader<string, VariantPrice | null> {
    return ctx.loaders.get<string, VariantPrice | null>(
      VARIANT_PRICE_LOADER,
      async (variantIds) => {
        const platform = ctx.platform;
        if (!platform) return variantIds.map(() => null);
        const groups = await this.customerGroups(ctx);
        return this.resolve(ctx, { platformId: platform.id, currency: platform.currency, variantIds, groups });
      },
      { maxBatchSize: 1000 },
    );
  }

  /** The groups of the request's customer, asked once per request (none without a customer). */
  private customerGroups(ctx: Ctx): Promise<readonly string[]> {
    if (ctx.actor?.kind !== 'customer') return Promise.resolve([]);
    return ctx.loaders.get<'me', readonly string[]>(GROUPS_LOADER, async (keys) => {
      const groups = await this.groups.groupsOf(ctx);
      return keys.map(() => groups);
    }).load('me');
  }
}
