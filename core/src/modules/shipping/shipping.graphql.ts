import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import type { Destination } from '../tax/zone-match.js';
import type { RateType, ShippingQuote, ShippingRate } from './shipping-engine.js';
import type { CreateShippingMethodInput, CreateShippingZoneInput, QuoteShippingInput, UpdateShippingMethodInput, UpdateShippingZoneInput } from './shipping.inputs.js';
import { ShippingService } from './shipping.service.js';
import { shippingAdminTypeDefs } from './shipping.schema.js';

type Root = unknown;

function resolvers(scope: PluginScope): IResolvers<unknown, Ctx> {
  const shipping = () => scope.container.resolve(ShippingService);
  return {
    ShippingRateType: { FLAT: 'flat', WEIGHT: 'weight', SUBTOTAL: 'subtotal' } satisfies Record<string, RateType>,
    Query: {
      shippingZones: (_: Root, args: PageArgs, ctx: Ctx) => shipping().listZones(ctx, args),
      shippingZone: (_: Root, args: { id: string }, ctx: Ctx) => shipping().getZone(ctx, args.id),
      shippingMethod: (_: Root, args: { id: string }, ctx: Ctx) => shipping().getMethod(ctx, args.id),
      shippingZoneFor: (_: Root, args: { destination: Destination }, ctx: Ctx) => shipping().zoneFor(ctx, args.destination),
      shippingQuote: async (_: Root, args: { input: QuoteShippingInput }, ctx: Ctx) => {
        const result = await shipping().preview(ctx, args.input);
        return { zone: result.zone ? await shipping().getZone(ctx, result.zone.id) : null, options: result.quotes };
      },
    },
    Mutation: {
      createShippingZone: (_: Root, args: { input: CreateShippingZoneInput }, ctx: Ctx) => shipping().createZone(ctx, args.input),
      updateShippingZone: (_: Root, args: { input: UpdateShippingZoneInput }, ctx: Ctx) => shipping().updateZone(ctx, args.input),
      deleteShippingZone: (_: Root, args: { id: string }, ctx: Ctx) => shipping().deleteZone(ctx, args.id),
      createShippingMethod: (_: Root, args: { input: CreateShippingMethodInput }, ctx: Ctx) => shipping().createMethod(ctx, args.input),
      updateShippingMethod: (_: Root, args: { input: UpdateShippingMethodInput }, ctx: Ctx) => shipping().updateMethod(ctx, args.input),
      deleteShippingMethod: (_: Root, args: { id: string }, ctx: Ctx) => shipping().deleteMethod(ctx, args.id),
    },
    ShippingRate: { amount: (r: ShippingRate) => ({ amount: r.amount, currency: r.currency }) },
    ShippingQuoteOption: { price: (q: ShippingQuote) => ({ amount: q.amount, currency: q.currency }) },
  };
}

/** The shipping module's slice of the admin API: zones, methods, rates, zone of a destination, quotes. */
export const shippingAdminGraphQL: GraphQLContribution = { typeDefs: shippingAdminTypeDefs, resolvers };
