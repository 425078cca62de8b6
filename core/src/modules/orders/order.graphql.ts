import type { Ctx } from '../../kernel/context.js';
import { requirePermission } from '../../kernel/authorization.js';
import { isPlazaError } from '../../kernel/errors.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import { PaymentService, type Payment } from '../payments/index.js';
import { ProcessService } from '../processes/index.js';
import { OrderCancellation } from './order-cancellation.js';
import { OrderEdits, type EditOrderInput } from './order-edits.js';
import { orderLoaders as L } from './order.loaders.js';
import { OrderPayments, type AddOrderPaymentInput } from './order-payments.js';
import { systemOn } from './order-placement.js';
import type { Order } from './order.records.js';
import { orderAdminTypeDefs, orderChannelTypeDefs } from './order.schema.js';
import { OrderService, type OrderFilter } from './order.service.js';

type Root = unknown;

/** GraphQL enum NAME ↔ stored lowercase value. */
const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** Resolvers both APIs share: enums and the `Order` fields that read other rows (through DataLoaders). */
function sharedResolvers(scope: PluginScope) {
  const processes = () => scope.container.resolve(ProcessService);
  return {
    OrderStatus: enumOf(['OPEN', 'COMPLETED', 'CANCELLED']),
    OrderPaymentStatus: enumOf(['PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'PAY_LATER']),
    OrderDeliveryMode: enumOf(['SHIP', 'PICKUP', 'ORDER_AHEAD', 'CARRY_OUT']),
    order: {
      platform: async (o: Order, _: unknown, ctx: Ctx) => (await L.platform(ctx).load(o.platformId)) ?? { id: o.platformId, code: o.platformId, name: o.platformId },
      lines: (o: Order, _: unknown, ctx: Ctx) => L.lines(ctx).load(o.id),
      adjustments: (o: Order, _: unknown, ctx: Ctx) => L.adjustments(ctx).load(o.id),
      stateLabel: async (o: Order, _: unknown, ctx: Ctx) => {
        const instance = o.processInstanceId ? await L.instance(ctx).load(o.processInstanceId) : null;
        return instance ? processes().stateLabel(ctx, instance.versionId, o.state) : o.state;
      },
      delivery: async (o: Order, _: unknown, ctx: Ctx) => ({
        mode: o.mode,
        shippingMethodCode: o.shippingMethodCode,
        pickupLocation: o.pickupLocationId ? await L.location(ctx).load(o.pickupLocationId) : null,
        readyAt: o.readyAt,
        slotStart: o.slotStart,
        slotEnd: o.slotEnd,
      }),
    },
  };
}

/** The orders module's slice of the admin API. */
export const orderAdminGraphQL: GraphQLContribution = {
  typeDefs: orderAdminTypeDefs,
  resolvers: (scope) => {
    const orders = () => scope.container.resolve(OrderService);
    const payments = () => scope.container.resolve(PaymentService);
    const processes = () => scope.container.resolve(ProcessService);
    const { order, ...shared } = sharedResolvers(scope);
    return {
      ...shared,
      Order: {
        ...order,
        payments: (o: Order, _: unknown, ctx: Ctx) => {
          requirePermission(ctx, 'payments.read', { platformId: o.platformId });
          return L.payments(ctx, payments()).load(o.id);
        },
        process: async (o: Order, _: unknown, ctx: Ctx) => {
          const instance = o.processInstanceId ? await L.instance(ctx).load(o.processInstanceId) : null;
          return instance ? { instanceId: instance.id, state: instance.state, seq: instance.seq, order: o } : null;
        },
      },
      OrderProcess: {
        // Readers of the order see its buttons without needing processes.read; the engine filters by what the caller may take.
        availableTransitions: async (p: { instanceId: string }, _: unknown, ctx: Ctx) => processes().availableTransitions(ctx, await processes().get(systemOn(ctx), p.instanceId)),
      },
      Query: {
        orders: (_: Root, args: PageArgs & { filter?: OrderFilter | null }, ctx: Ctx) => orders().list(ctx, args),
        order: async (_: Root, args: { id: string }, ctx: Ctx) => {
          try {
            return await orders().get(ctx, args.id);
          } catch (error) {
            if (isPlazaError(error) && error.code === 'NOT_FOUND') return null;
            throw error;
          }
        },
        orderByNumber: (_: Root, args: { platformId?: string | null; number: string }, ctx: Ctx) => orders().byNumber(ctx, args.number, args.platformId),
      },
      Mutation: {
        cancelOrder: (_: Root, args: { id: string; reason?: string | null; expectedSeq?: number | null }, ctx: Ctx) =>
          scope.container.resolve(OrderCancellation).cancelAsStaff(ctx, args.id, args.reason ?? null, args.expectedSeq),
        transitionOrder: (_: Root, args: { id: string; transition: string; input?: Record<string, unknown> | null; expectedSeq?: number | null }, ctx: Ctx) =>
          orders().transition(ctx, args.id, args.transition, args.input, args.expectedSeq),
        addOrderPayment: async (_: Root, args: { orderId: string; input: AddOrderPaymentInput }, ctx: Ctx) => {
          const result = await scope.container.resolve(OrderPayments).add(ctx, args.orderId, args.input);
          return { order: result.order, payment: result.payment.payment };
        },
        editOrder: (_: Root, args: { orderId: string; input: EditOrderInput; idempotencyKey: string; expectedSeq?: number | null }, ctx: Ctx) =>
          scope.container.resolve(OrderEdits).edit(ctx, args.orderId, args.input, args.idempotencyKey, args.expectedSeq ?? null),
        setOrderNumberPrefix: (_: Root, args: { platformId: string; prefix: string }, ctx: Ctx) => orders().setNumberPrefix(ctx, args.platformId, args.prefix),
      },
    };
  },
};

/** The orders module's slice of the channel API: the customer's orders, a guest's order by token, cancelling. */
export const orderChannelGraphQL: GraphQLContribution = {
  typeDefs: orderChannelTypeDefs,
  resolvers: (scope) => {
    const orders = () => scope.container.resolve(OrderService);
    const { order, ...shared } = sharedResolvers(scope);
    return {
      ...shared,
      Order: {
        ...order,
        // Only owners and token holders ever get an order on the channel API.
        payments: async (o: Order, _: unknown, ctx: Ctx) => {
          const list = await L.payments(ctx, scope.container.resolve(PaymentService)).load(o.id);
          return list.filter((p: Payment) => p.status !== 'failed');
        },
      },
      Me: {
        orders: (parent: { id: string }, args: PageArgs, ctx: Ctx) => orders().ofCustomer(ctx, parent.id, args),
      },
      Query: {
        order: (_: Root, args: { id: string; accessToken?: string | null }, ctx: Ctx) => orders().forChannel(ctx, args.id, args.accessToken),
      },
      Mutation: {
        cancelMyOrder: (_: Root, args: { id: string }, ctx: Ctx) => scope.container.resolve(OrderCancellation).cancelAsCustomer(ctx, args.id),
      },
    };
  },
};

