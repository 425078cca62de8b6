import type { Ctx } from '../../kernel/context.js';
import { definePlugin, type PluginScope } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { CatalogService } from '../catalog/index.js';
import { PlatformPricingCache } from './platform-pricing.cache.js';
import { PlatformPricingService } from './platform-pricing.service.js';
import { PriceListService } from './price-list.service.js';
import { PriceService } from './price.service.js';
import { pricingChannelGraphQL } from './pricing-channel.graphql.js';
import { pricingEvents } from './pricing.events.js';
import { pricingAdminGraphQL } from './pricing.graphql.js';
import { pricingMigrations } from './pricing.migrations.js';
import { pricingPermissions } from './pricing.permissions.js';
import { seedPricingScale } from './pricing.scale-seed.js';
import { seedDemoPricing } from './pricing.seed.js';
import { lazyAuditLog, lazyCustomerGroups, PricingTokens } from './pricing.tokens.js';
import { VariantPriceResolver } from './variant-price.resolver.js';

export { PriceListService } from './price-list.service.js';
export { PriceService } from './price.service.js';
export { PlatformPricingService, type PlatformPricingSettings, type SetPlatformPricingInput } from './platform-pricing.service.js';
export { VariantPriceResolver, VARIANT_PRICE_LOADER, type VariantPrice, type PriceResolutionInput } from './variant-price.resolver.js';
export { CustomerGroupResolverToken, type CustomerGroupResolver } from './customer-groups.js';
export { PricingPermission, pricingPermissions } from './pricing.permissions.js';
export { PricingTables } from './pricing.tables.js';
export { currencyExponent, formatMoney, isCurrency, parseMoney, toDecimalString, type Money, type MoneyParseResult } from './money.js';
export type { PriceList, Price, PriceListStatus } from './pricing.records.js';
export type { PriceInput, CreatePriceListInput, UpdatePriceListInput } from './pricing.inputs.js';

/** The variant ids of a product through the catalog's per-request loader (shared with `Product.variants`). */
function catalogVariantIds(scope: PluginScope) {
  let catalog: CatalogService | undefined;
  return async (ctx: Ctx, productId: string): Promise<string[]> => {
    catalog ??= scope.container.resolve(CatalogService);
    return (await catalog.variantsOfProduct(ctx, productId)).map((v) => v.id);
  };
}

/**
 * The pricing module: price lists (one currency each) with prices per variant — optionally
 * per customer group, dated, or from a minimum quantity — the price list and tax-inclusive
 * flag of each platform, and the channel API's `ProductVariant.price` / `Product.priceRange`,
 * resolved in one SQL statement per response (see {@link VariantPriceResolver}). Money is
 * integer minor units + ISO 4217 code (see money.ts). See docs/pricing.md.
 *
 * Customer groups come from the customers module later: it binds
 * {@link CustomerGroupResolverToken} and exports it; until then only prices for everyone apply.
 */
export const pricingModule = definePlugin({
  name: 'core.pricing',
  version: PLAZA_VERSION,
  description: 'Price lists per platform and currency, customer-group and dated prices',
  requires: ['core.catalog'],
  permissions: pricingPermissions,
  migrations: pricingMigrations,
  events: pricingEvents,
  register(scope) {
    const { container } = scope;
    container.registerInstance(PlatformPricingCache, new PlatformPricingCache());
    container.registerInstance(PricingTokens.Audit, lazyAuditLog(container));
    container.registerInstance(PricingTokens.Groups, lazyCustomerGroups(container));
    container.registerSingleton(PriceListService);
    container.registerSingleton(PriceService);
    container.registerSingleton(PlatformPricingService);
    container.registerSingleton(VariantPriceResolver);
  },
  exports: [PriceListService, PriceService, PlatformPricingService, VariantPriceResolver],
  graphql: { admin: pricingAdminGraphQL(true), channel: pricingChannelGraphQL(catalogVariantIds) },
  seed: { demo: seedDemoPricing, scale: (ctx, _scope, plan) => seedPricingScale(ctx, plan) },
});
