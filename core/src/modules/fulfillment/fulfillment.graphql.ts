import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import { FulfillmentQueries, type FulfillmentFilter } from './fulfillment-queries.js';
import type { Fulfillment } from './fulfillment.records.js';
import { fulfillmentAdminTypeDefs, fulfillmentChannelTypeDefs } from './fulfillment.schema.js';
import { FulfillmentService } from './fulfillment.service.js';
import type { CreateFulfillmentInput, ShipInput } from './fulfillment.inputs.js';
import { PickupService } from './pickup.service.js';
import { pickupQrDataUrl } from './pickup-qr.js';

type Root = unknown;
type Lines = { orderLineId: string; quantity: number }[];

/** GraphQL enum NAME ↔ stored lowercase value. */
const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** The fulfillment module's slice of the admin API. */
export const fulfillmentAdminGraphQL: GraphQLContribution = {
  typeDefs: fulfillmentAdminTypeDefs,
  resolvers: (scope) => {
    const service = () => scope.container.resolve(FulfillmentService);
    const queries = () => scope.container.resolve(FulfillmentQueries);
    const pickup = () => scope.container.resolve(PickupService);
    return {
      FulfillmentMode: enumOf(['SHIP', 'PICKUP']),
      FulfillmentStatus: enumOf(['OPEN', 'DONE', 'CANCELLED']),
      Fulfillment: {
        lines: (f: Fulfillment, _: unknown, ctx: Ctx) => queries().lines(ctx, f.id),
      },
      Order: {
        fulfillments: (order: { id: string }, _: unknown, ctx: Ctx) => queries().ofOrder(ctx, order.id),
      },
      Query: {
        fulfillments: (_: Root, args: PageArgs & { filter?: FulfillmentFilter | null }, ctx: Ctx) => queries().list(ctx, args),
        fulfillment: (_: Root, args: { id: string }, ctx: Ctx) => queries().find(ctx, args.id),
        findOrderByPickupCode: (_: Root, args: { locationId: string; code: string }, ctx: Ctx) => pickup().findByCode(ctx, args.locationId, args.code),
      },
      Mutation: {
        packFulfillment: (_: Root, args: { id: string }, ctx: Ctx) => service().pack(ctx, args.id),
        shipFulfillment: (_: Root, args: { id: string; input: ShipInput }, ctx: Ctx) => service().ship(ctx, args.id, args.input),
        deliverFulfillment: (_: Root, args: { id: string }, ctx: Ctx) => service().deliver(ctx, args.id),
        cancelFulfillment: (_: Root, args: { id: string; reason?: string | null }, ctx: Ctx) => service().cancel(ctx, args.id, args.reason),
        createFulfillment: (_: Root, args: { orderId: string; input: CreateFulfillmentInput }, ctx: Ctx) => service().create(ctx, args.orderId, args.input),
        splitFulfillment: (_: Root, args: { id: string; lines: Lines }, ctx: Ctx) => service().split(ctx, args.id, args.lines),
        markReadyForPickup: (_: Root, args: { id: string }, ctx: Ctx) => pickup().markReady(ctx, args.id),
        collectPickup: (_: Root, args: { orderId?: string | null; fulfillmentId?: string | null; code: string }, ctx: Ctx) =>
          pickup().collect(ctx, { orderId: args.orderId, fulfillmentId: args.fulfillmentId }, args.code),
      },
    };
  },
};

/** The channel API: `Order.pickupQr`, shown wherever the orders module shows the pickup code. */
export const fulfillmentChannelGraphQL: GraphQLContribution = {
  typeDefs: fulfillmentChannelTypeDefs,
  resolvers: () => ({
    Order: {
      // The orders module only puts the pickup code on an order its owner (or the guest's access token) reads.
      pickupQr: (order: { number?: string; pickupCode?: string | null }) => (order.pickupCode && order.number ? pickupQrDataUrl(order.number, order.pickupCode) : null),
    },
  }),
};
