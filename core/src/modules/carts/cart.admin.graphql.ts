import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import { deliveryOf } from './cart.graphql.js';
import { cartAdminTypeDefs } from './cart.schema.js';
import { sharedCartResolvers } from './cart.views.js';
import { CheckoutSettingsService, type CheckoutSettings } from './checkout-settings.js';
import { DraftOrders, type CompleteDraftInput } from './draft-orders.js';
import type { CartView } from './cart.service.js';

type Root = unknown;
type Line = { variantId: string; quantity: number };

/** The carts module's slice of the admin API: checkout settings and draft orders. */
export const cartAdminGraphQL: GraphQLContribution = {
  typeDefs: cartAdminTypeDefs,
  resolvers: (scope) => {
    const settings = () => scope.container.resolve(CheckoutSettingsService);
    const drafts = () => scope.container.resolve(DraftOrders);
    return {
      ...sharedCartResolvers(scope),
      CheckoutSettings: { paymentCapture: (s: CheckoutSettings) => s.paymentCapture.toUpperCase() },
      DraftOrder: { cart: (c: CartView) => c },
      Query: {
        checkoutSettings: (_: Root, args: { platformId: string }, ctx: Ctx) => settings().read(ctx, args.platformId),
        draftOrders: (_: Root, args: PageArgs & { platformId: string }, ctx: Ctx) => drafts().list(ctx, args.platformId, args),
        draftOrder: (_: Root, args: { id: string }, ctx: Ctx) => drafts().find(ctx, args.id),
      },
      Mutation: {
        setCheckoutSettings: (_: Root, args: { input: Record<string, unknown> & { paymentCapture?: string | null } }, ctx: Ctx) =>
          settings().set(ctx, { ...args.input, paymentCapture: args.input.paymentCapture ? (args.input.paymentCapture.toLowerCase() as 'sale') : undefined } as never),
        createDraftOrder: (_: Root, args: { input: { platformId: string; customerId?: string | null; email?: string | null } }, ctx: Ctx) => drafts().create(ctx, args.input),
        draftOrderAddLines: (_: Root, args: { id: string; lines: Line[] }, ctx: Ctx) => drafts().addLines(ctx, args.id, args.lines),
        draftOrderUpdateLine: (_: Root, args: { id: string; lineId: string; quantity: number }, ctx: Ctx) => drafts().updateLine(ctx, args.id, args.lineId, args.quantity),
        draftOrderSetAddresses: (_: Root, args: { id: string; shipping?: unknown; billing?: unknown }, ctx: Ctx) => drafts().setAddresses(ctx, args.id, { shipping: args.shipping, billing: args.billing }),
        draftOrderSetDelivery: (_: Root, args: { id: string; input: Parameters<typeof deliveryOf>[0] }, ctx: Ctx) => drafts().setDelivery(ctx, args.id, deliveryOf(args.input)),
        draftOrderSetCustomer: (_: Root, args: { id: string; customerId?: string | null; email?: string | null }, ctx: Ctx) => drafts().setCustomer(ctx, args.id, args.customerId ?? null, args.email),
        sendDraftOrderPaymentLink: (_: Root, args: { id: string }, ctx: Ctx) => drafts().sendPaymentLink(ctx, args.id),
        completeDraftOrder: (_: Root, args: { id: string; input: CompleteDraftInput }, ctx: Ctx) => drafts().complete(ctx, args.id, args.input),
      },
    };
  },
};
