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

/** A stable demo price for a product handle: 9.95 € to 99.95 € in steps of 5 €. */
export function demoAmount(handle: string): number {
  let hash = 0;
  for (const ch of handle) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (hash % 19) * 500 + 995;
}

/**
 * Demo seed: the EUR list "Spain retail", linked to web-es and app-es with tax-inclusive
 * prices, a base price for every variant that exists (the catalog's demo seeds first; one
 * price per product), a compare-at ("was") price on every 5th product and a dated sale price
 * (-20 % for two weeks) on the first product's variants.
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
  // One price per product, as a shop prices a shirt whatever its size and colour.
  const variants = (await ctx
    .db('catalog_variant as v')
    .join('catalog_product as p', 'p.id', 'v.product_id')
    .orderBy(['p.handle', 'v.position'])
    .select('v.id', 'p.handle')) as { id: string; handle: string }[];
  if (variants.length === 0) {
    scope.logger.info('no catalog variants yet: the demo price list has no prices');
    return;
  }
  const now = Date.now();
  const handles = [...new Set(variants.map((v) => v.handle))];
  const onSale = handles[0];
  const rows: PriceInput[] = variants.map((v) => {
    const amount = demoAmount(v.handle);
    // Every 5th product shows a "was" price.
    return { variantId: v.id, amount, compareAtAmount: handles.indexOf(v.handle) % 5 === 4 ? amount + 1000 : null };
  });
  for (const v of variants.filter((x) => x.handle === onSale)) {
    const amount = demoAmount(v.handle);
    rows.push({ variantId: v.id, amount: Math.round((amount * 0.8) / 5) * 5, compareAtAmount: amount, startsAt: new Date(now - DAY), endsAt: new Date(now + 14 * DAY) });
  }
  const prices = scope.container.resolve(PriceService);
  for (let i = 0; i < rows.length; i += 1000) await prices.setPrices(ctx, list.id, rows.slice(i, i + 1000));
}
