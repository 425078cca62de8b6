import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { isPlazaError } from '../../kernel/errors.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import { PaymentLedger } from './payment-ledger.js';
import { PaymentProviders } from './payment-provider.js';
import type { CaptureInput, LedgerFilter, RefundInput, VoidInput } from './payment.inputs.js';
import { PaymentPermission as P } from './payment.permissions.js';
import type { Payment } from './payment.records.js';
import { paymentAdminTypeDefs } from './payment.schema.js';
import { PaymentService } from './payment.service.js';

type Root = unknown;

/** GraphQL enum NAME ↔ stored lowercase value. */
const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** The payments module's slice of the admin API. */
export const paymentAdminGraphQL: GraphQLContribution = {
  typeDefs: paymentAdminTypeDefs,
  resolvers: (scope) => {
    const service = () => scope.container.resolve(PaymentService);
    const ledger = () => scope.container.resolve(PaymentLedger);
    return {
      PaymentMethod: enumOf(['CARD', 'CASH', 'TERMINAL', 'BANK_TRANSFER', 'GIFT_CARD', 'STORE_CREDIT', 'WALLET', 'OTHER']),
      PaymentStatus: enumOf(['REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', 'FAILED']),
      PaymentTransactionKind: enumOf(['AUTHORIZATION', 'CAPTURE', 'REFUND', 'VOID']),
      PaymentTransactionStatus: enumOf(['PENDING', 'SUCCEEDED', 'FAILED']),
      Payment: {
        transactions: (payment: Payment, _: unknown, ctx: Ctx) => service().transactionsOf(ctx, payment.id),
      },
      Query: {
        payment: async (_: Root, args: { id: string }, ctx: Ctx) => {
          try {
            return await service().get(ctx, args.id);
          } catch (error) {
            if (isPlazaError(error) && error.code === 'NOT_FOUND') return null;
            throw error;
          }
        },
        orderPayments: (_: Root, args: { orderId: string }, ctx: Ctx) => {
          requirePermission(ctx, P.Read);
          return service().paymentsOf(ctx, args.orderId);
        },
        paymentLedger: (_: Root, args: PageArgs & { filter?: LedgerFilter | null }, ctx: Ctx) => ledger().list(ctx, args),
        paymentsReport: (_: Root, args: { from: Date; to: Date; platformId?: string | null }, ctx: Ctx) => ledger().report(ctx, args),
        paymentProviders: (_: Root, __: unknown, ctx: Ctx) => {
          requirePermission(ctx, P.Read);
          return scope.container.resolve(PaymentProviders).list().map((p) => ({ code: p.code, label: p.label, methods: p.methods }));
        },
      },
      Mutation: {
        recordManualPayment: (_: Root, args: { input: Record<string, unknown> }, ctx: Ctx) =>
          service().authorize(ctx, { ...(args.input as object), provider: 'manual', capture: true } as never),
        capturePayment: (_: Root, args: { input: CaptureInput }, ctx: Ctx) => service().capture(ctx, args.input),
        voidPayment: (_: Root, args: { input: VoidInput }, ctx: Ctx) => service().void(ctx, args.input),
        refundPayment: (_: Root, args: { input: RefundInput }, ctx: Ctx) => service().refund(ctx, args.input),
      },
    };
  },
};
