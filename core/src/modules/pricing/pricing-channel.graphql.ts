import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import type { Money } from './money.js';
import { PlatformPricingCache } from './platform-pricing.cache.js';
import { moneyResolvers } from './pricing.graphql.js';
import { pricingChannelCatalogTypeDefs, pricingChannelTypeDefs } from './pricing.schema.js';
import { VariantPriceResolver, type VariantPrice } from './variant-price.resolver.js';
import { priceRange, type VariantIdsOfProducts } from './price-range.js';

/** How the channel slice reaches the catalog: the variant ids of a product, batched per request by the catalog. */
export type ChannelCatalogLink = (scope: PluginScope) => VariantIdsOfProducts;

function channelResolvers(scope: PluginScope, catalog: ChannelCatalogLink | null): IResolvers<unknown, Ctx> {
  let resolver: VariantPriceResolver | undefined;
  const prices = () => (resolver ??= scope.container.resolve(VariantPriceResolver));
  let cache: PlatformPricingCache | undefined;
  const resolvers: IResolvers<unknown, Ctx> = {
    Money: moneyResolvers,
    Platform: {
      pricesIncludeTax: async (p: { id: string }, _: unknown, ctx: Ctx) => (await (cache ??= scope.container.resolve(PlatformPricingCache)).get(ctx, p.id)).pricesIncludeTax,
    },
    VariantPrice: {
      money: (p: VariantPrice): Money => ({ amount: p.amount, currency: p.currency }),
      compareAt: (p: VariantPrice): Money | null => (p.compareAtAmount === null ? null : { amount: p.compareAtAmount, currency: p.currency }),
    },
  };
  if (catalog) {
    const variantIdsOf = catalog(scope);
    resolvers.ProductVariant = {
      price: (v: { id: string }, _: unknown, ctx: Ctx) => prices().loader(ctx).load(v.id),
    };
    resolvers.Product = {
      priceRange: async (p: { id: string }, _: unknown, ctx: Ctx) => priceRange(await prices().loader(ctx).loadMany(await variantIdsOf(ctx, p.id))),
    };
  }
  return resolvers;
}

/**
 * The pricing module's slice of the channel API: `Money`, `VariantPrice`, `PriceRange`; with
 * a catalog link, `ProductVariant.price` and `Product.priceRange` (the catalog's types must exist).
 */
export function pricingChannelGraphQL(catalog: ChannelCatalogLink | null): GraphQLContribution {
  return {
    typeDefs: catalog ? [pricingChannelTypeDefs, pricingChannelCatalogTypeDefs].join('\n') : pricingChannelTypeDefs,
    resolvers: (scope) => channelResolvers(scope, catalog),
  };
}
