import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import { formatMoney, toDecimalString, type Money } from './money.js';
import { PlatformPricingService, type PlatformPricingSettings } from './platform-pricing.service.js';
import type { PriceListListArgs } from './price-list-query.js';
import { PriceListService } from './price-list.service.js';
import type { PriceListArgs } from './price-query.js';
import { PriceService } from './price.service.js';
import type { CreatePriceListInput, PriceInput, UpdatePriceListInput } from './pricing.inputs.js';
import type { Price, PriceList } from './pricing.records.js';
import { pricingAdminTypeDefs, pricingAdminVariantTypeDefs } from './pricing.schema.js';

type Root = unknown;

/** Resolvers of `Money` (both APIs): the decimal string and the formatted amount. */
export const moneyResolvers = {
  decimal: (m: Money) => toDecimalString(m.amount, m.currency),
  formatted: (m: Money, args: { locale?: string | null }, ctx: Ctx) => formatMoney(m, args.locale ?? ctx.platform?.locale ?? 'en'),
};

function money(amount: number | null, currency: string): Money | null {
  return amount === null ? null : { amount, currency };
}

function adminResolvers(scope: PluginScope, withVariants: boolean): IResolvers<unknown, Ctx> {
  const lists = () => scope.container.resolve(PriceListService);
  const prices = () => scope.container.resolve(PriceService);
  const platforms = () => scope.container.resolve(PlatformPricingService);
  const resolvers: IResolvers<unknown, Ctx> = {
    Money: moneyResolvers,
    PriceListStatus: { ACTIVE: 'active', ARCHIVED: 'archived' },
    Query: {
      priceLists: (_: Root, args: PriceListListArgs, ctx: Ctx) => lists().list(ctx, args),
      priceList: (_: Root, args: { id: string }, ctx: Ctx) => lists().get(ctx, args.id),
      prices: (_: Root, args: PriceListArgs & { priceListId: string }, ctx: Ctx) => prices().list(ctx, args.priceListId, args),
      variantPrices: (_: Root, args: { variantId: string; priceListId?: string | null }, ctx: Ctx) => prices().ofVariant(ctx, args.variantId, args.priceListId),
      platformPricing: (_: Root, args: { platformId: string }, ctx: Ctx) => platforms().get(ctx, args.platformId),
    },
    Mutation: {
      createPriceList: (_: Root, args: { input: CreatePriceListInput }, ctx: Ctx) => lists().create(ctx, args.input),
      updatePriceList: (_: Root, args: { input: UpdatePriceListInput }, ctx: Ctx) => lists().update(ctx, args.input),
      deletePriceList: (_: Root, args: { id: string }, ctx: Ctx) => lists().delete(ctx, args.id),
      setPrices: (_: Root, args: { priceListId: string; prices: PriceInput[] }, ctx: Ctx) => prices().setPrices(ctx, args.priceListId, args.prices),
      deletePrice: (_: Root, args: { id: string }, ctx: Ctx) => prices().delete(ctx, args.id),
      setPlatformPricing: (_: Root, args: { platformId: string; priceListId?: string | null; pricesIncludeTax: boolean }, ctx: Ctx) =>
        platforms().set(ctx, { platformId: args.platformId, priceListId: args.priceListId ?? null, pricesIncludeTax: args.pricesIncludeTax }),
    },
    PriceList: {
      platformIds: (list: PriceList, _: unknown, ctx: Ctx) => lists().platformIds(ctx, list.id),
      prices: (list: PriceList, args: PriceListArgs, ctx: Ctx) => prices().list(ctx, list.id, args),
    },
    Price: {
      amount: (p: Price) => money(p.amount, p.currency),
      compareAt: (p: Price) => money(p.compareAtAmount, p.currency),
    },
    PlatformPricing: {
      priceList: (s: PlatformPricingSettings, _: unknown, ctx: Ctx) => (s.priceListId ? lists().get(ctx, s.priceListId) : null),
    },
    Platform: {
      pricing: (p: { id: string }, _: unknown, ctx: Ctx) => platforms().get(ctx, p.id),
    },
  };
  if (withVariants) {
    resolvers.ProductVariant = {
      prices: (v: { id: string }, args: { priceListId?: string | null }, ctx: Ctx) => prices().ofVariant(ctx, v.id, args.priceListId),
    };
  }
  return resolvers;
}

/**
 * The pricing module's slice of the admin API: price lists, prices, platform pricing; with
 * `withVariants`, also `ProductVariant.prices` (the catalog's admin type must exist).
 */
export function pricingAdminGraphQL(withVariants: boolean): GraphQLContribution {
  return {
    typeDefs: withVariants ? [pricingAdminTypeDefs, pricingAdminVariantTypeDefs].join('\n') : pricingAdminTypeDefs,
    resolvers: (scope) => adminResolvers(scope, withVariants),
  };
}
