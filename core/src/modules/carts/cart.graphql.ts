import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import { CartCheckout } from './cart-checkout.js';
import { CartDeliveryService } from './cart-delivery.js';
import { CartPlacement } from './cart-placement.js';
import type { DeliveryInput } from './cart.inputs.js';
import { cartChannelTypeDefs } from './cart.schema.js';
import { CartService } from './cart.service.js';
import { sharedCartResolvers } from './cart.views.js';

type Root = unknown;
type Line = { variantId: string; quantity: number };

/** GraphQL delivery input → service input (enum names lowercased). */
export const deliveryOf = (input: { mode: string; shippingMethodId?: string | null; locationId?: string | null; slotStart?: Date | null }): DeliveryInput => ({
  ...input,
  mode: input.mode.toLowerCase() as DeliveryInput['mode'],
});

/** The carts module's slice of the channel API. */
export const cartChannelGraphQL: GraphQLContribution = {
  typeDefs: cartChannelTypeDefs,
  resolvers: (scope) => {
    const carts = () => scope.container.resolve(CartService);
    return {
      ...sharedCartResolvers(scope),
      Query: {
        cart: (_: Root, args: { id: string }, ctx: Ctx) => carts().find(ctx, args.id),
      },
      Mutation: {
        createCart: (_: Root, args: { input: { email?: string | null; locale?: string | null; lines?: Line[] | null } }, ctx: Ctx) => carts().create(ctx, args.input),
        addCartLines: (_: Root, args: { cartId: string; lines: Line[] }, ctx: Ctx) => carts().addLines(ctx, args.cartId, args.lines),
        updateCartLine: (_: Root, args: { cartId: string; lineId: string; quantity: number }, ctx: Ctx) => carts().updateLine(ctx, args.cartId, args.lineId, args.quantity),
        removeCartLine: (_: Root, args: { cartId: string; lineId: string }, ctx: Ctx) => carts().removeLine(ctx, args.cartId, args.lineId),
        setCartContact: (_: Root, args: { cartId: string; email?: string | null; phone?: string | null }, ctx: Ctx) => carts().setContact(ctx, args.cartId, { email: args.email, phone: args.phone }),
        setCartAddresses: (_: Root, args: { cartId: string; shipping?: unknown; billing?: unknown }, ctx: Ctx) => carts().setAddresses(ctx, args.cartId, { shipping: args.shipping, billing: args.billing }),
        setCartDelivery: (_: Root, args: { cartId: string; input: Parameters<typeof deliveryOf>[0] }, ctx: Ctx) => scope.container.resolve(CartDeliveryService).set(ctx, args.cartId, deliveryOf(args.input)),
        startCheckout: (_: Root, args: { cartId: string }, ctx: Ctx) => scope.container.resolve(CartCheckout).start(ctx, args.cartId),
        placeOrder: (_: Root, args: { input: Record<string, unknown> }, ctx: Ctx) => scope.container.resolve(CartPlacement).place(ctx, args.input as never),
        confirmCartPayment: (_: Root, args: { cartId: string; idempotencyKey: string }, ctx: Ctx) => scope.container.resolve(CartPlacement).confirm(ctx, args.cartId, args.idempotencyKey),
      },
    };
  },
};
