import type { Ctx } from '../../kernel/context.js';
import type { PluginScope, SeedReport } from '../../kernel/plugin.js';
import { PlatformPricingService } from './platform-pricing.service.js';
import { PriceListService } from './price-list.service.js';
import { PriceService } from './price.service.js';
import type { PriceInput } from './pricing.inputs.js';
import { PricingTables as T } from './pricing.tables.js';

/** The demo price list's code. */
export const DEMO_PRICE_LIST_CODE = 'spain-retail';
/** The demo platforms that sell with it. */
const DEMO_PLATFORMS = ['web-es', 'app-es'];
const DAY = 86_400_000;

/** A stable demo price for a SKU: 9.95 € to 99.95 € in steps of 5 €. */
export function demoAmount(sku: string): number {
  let hash = 0;
  for (const ch of sku) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (hash % 19) * 500 + 995;
}

/**
 * Demo seed: the EUR list "Spain retail", linked to web-es and app-es with tax-inclusive
 * prices, a base price for every variant that exists (the catalog's demo seeds first), a
 * compare-at ("was") price on every 5th variant and one dated sale price (-20 % for two weeks).
 * Does nothing when the list already exists.
 */
export async function seedDemoPricing(ctx: Ctx, scope: PluginScope<unknown>, _report: SeedReport): Promise<void> {
  if (await ctx.db(T.priceList).where('code', DEMO_PRICE_LIST_CODE).first('id')) {
    scope.logger.info('demo price list %s exists; not seeded again', DEMO_PRICE_LIST_CODE);
    return;
  }
  const lists = scope.container.resolve(PriceListService);
  const list = await lists.create(ctx, { code: DEMO_PRICE_LIST_CODE, name: 'Spain retail', currency: 'EUR' });
  const platforms = (await ctx.db('platform').whereIn('code', DEMO_PLATFORMS).where('currency', 'EUR').select('id')) as { id: string }[];
  const settings = scope.container.resolve(PlatformPricingService);
  for (const { id } of platforms) await settings.set(ctx, { platformId: id, priceListId: list.id, pricesIncludeTax: true });

  // The catalog's demo variants (its seed runs first, in boot order); whatever variants exist.
  const variants = (await ctx.db('catalog_variant').orderBy('sku').select('id', 'sku')) as { id: string; sku: string }[];
  if (variants.length === 0) {
    scope.logger.info('no catalog variants yet: the demo price list has no prices');
    return;
  }
  const now = Date.now();
  const rows: PriceInput[] = variants.map((v, i) => {
    const amount = demoAmount(v.sku);
    return { variantId: v.id, amount, compareAtAmount: i % 5 === 4 ? amount + 1000 : null };
  });
  const sale = variants[0]!;
  rows.push({ variantId: sale.id, amount: Math.round((demoAmount(sale.sku) * 0.8) / 5) * 5, compareAtAmount: demoAmount(sale.sku), startsAt: new Date(now - DAY), endsAt: new Date(now + 14 * DAY) });
  const prices = scope.container.resolve(PriceService);
  for (let i = 0; i < rows.length; i += 1000) await prices.setPrices(ctx, list.id, rows.slice(i, i + 1000));
}
