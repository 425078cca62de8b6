import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import { PlatformPricingCache } from './platform-pricing.cache.js';
import { loadPriceList } from './pricing-access.js';
import { parseInput } from './pricing.inputs.js';
import { PricingPermission as P } from './pricing.permissions.js';
import { PricingTables as T } from './pricing.tables.js';
import { PricingTokens } from './pricing.tokens.js';

/** A platform's pricing settings as the admin API shows them. */
export interface PlatformPricingSettings {
  platformId: string;
  priceListId: string | null;
  pricesIncludeTax: boolean;
}

/** Input of {@link PlatformPricingService.set}. */
export interface SetPlatformPricingInput {
  platformId: string;
  /** The list to sell with; null unlinks (the platform then shows no prices). */
  priceListId?: string | null;
  pricesIncludeTax: boolean;
}

const setInput = z.object({
  platformId: z.string().min(1, 'is required'),
  priceListId: z.string().min(1, 'must not be empty').nullish(),
  pricesIncludeTax: z.boolean('must be true or false'),
});

interface PlatformBasics {
  id: string;
  code: string;
  currency: string;
  price_list_id: string | null;
}

/**
 * Which price list a platform sells with (`platform.price_list_id`, the platform table's
 * column reserved for pricing) and whether its prices include tax (`pricing_platform_setting`).
 * Reading needs `pricing.read` on the platform, changing `pricing.manage` on it. The list's
 * currency must be the platform's.
 */
@injectable()
export class PlatformPricingService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(PricingTokens.Audit) private readonly audit: AuditLog,
    @inject(PlatformPricingCache) private readonly cache: PlatformPricingCache,
  ) {}

  /** The platform's pricing settings. */
  async get(ctx: Ctx, platformId: string): Promise<PlatformPricingSettings> {
    requirePermission(ctx, P.Read, { platformId });
    const platform = await this.platform(ctx, platformId);
    return { platformId, priceListId: platform.price_list_id, pricesIncludeTax: await this.includesTax(ctx, platformId) };
  }

  /** Links a price list (same currency as the platform) and sets the tax-inclusive flag. */
  async set(ctx: Ctx, input: SetPlatformPricingInput): Promise<PlatformPricingSettings> {
    const data = parseInput(setInput, input, 'platform pricing input', 'PLATFORM_PRICING_INPUT_INVALID');
    requirePermission(ctx, P.Manage, { platformId: data.platformId });
    return inTransaction(ctx, async (trx) => {
      const platform = await this.platform(trx, data.platformId);
      const priceListId = data.priceListId ?? null;
      if (priceListId) {
        const list = await loadPriceList(trx, priceListId).catch((error: unknown) => {
          if (error instanceof PlazaError && error.code === 'NOT_FOUND') {
            throw new PlazaError('BAD_USER_INPUT', `The price list ${priceListId} does not exist`, { reason: 'PRICE_LIST_UNKNOWN', fields: [{ path: 'priceListId', message: 'does not exist' }] });
          }
          throw error;
        });
        if (list.currency !== platform.currency) {
          throw new PlazaError(
            'BAD_USER_INPUT',
            `The price list "${list.name}" is in ${list.currency} but the platform "${platform.code}" sells in ${platform.currency}; choose a ${platform.currency} price list`,
            { reason: 'PRICE_LIST_CURRENCY_MISMATCH', fields: [{ path: 'priceListId', message: `is in ${list.currency}; the platform sells in ${platform.currency}` }] },
          );
        }
      }
      const before: PlatformPricingSettings = { platformId: platform.id, priceListId: platform.price_list_id, pricesIncludeTax: await this.includesTax(trx, platform.id) };
      const after: PlatformPricingSettings = { platformId: platform.id, priceListId, pricesIncludeTax: data.pricesIncludeTax };
      if (before.priceListId === after.priceListId && before.pricesIncludeTax === after.pricesIncludeTax) return before;
      const now = Date.now();
      if (before.priceListId !== priceListId) await trx.db('platform').where('id', platform.id).update({ price_list_id: priceListId, updated_at: now });
      await trx
        .db(T.platformSetting)
        .insert({ platform_id: platform.id, prices_include_tax: data.pricesIncludeTax, updated_at: now })
        .onConflict('platform_id')
        .merge(['prices_include_tax', 'updated_at']);
      const summary = (s: PlatformPricingSettings) => ({ priceListId: s.priceListId, pricesIncludeTax: s.pricesIncludeTax });
      await this.audit.record(trx, { action: 'platform.pricing_updated', entityType: 'platform', entityId: platform.id, platformId: platform.id, before: summary(before), after: summary(after) });
      await this.events.publish(trx, 'platform_pricing.updated', { platformId: platform.id, priceListId, pricesIncludeTax: data.pricesIncludeTax }, { platformId: platform.id });
      afterCommit(trx.db, () => this.cache.invalidate());
      trx.loaders.clearAll();
      return after;
    });
  }

  private async platform(ctx: Ctx, id: string): Promise<PlatformBasics> {
    const row = (await ctx.db('platform').where('id', id).first('id', 'code', 'currency', 'price_list_id')) as PlatformBasics | undefined;
    if (!row) throw errors.notFound('Platform', id);
    return row;
  }

  private async includesTax(ctx: Ctx, platformId: string): Promise<boolean> {
    const row = (await ctx.db(T.platformSetting).where('platform_id', platformId).first('prices_include_tax')) as { prices_include_tax: boolean | number } | undefined;
    return Boolean(row?.prices_include_tax);
  }
}
