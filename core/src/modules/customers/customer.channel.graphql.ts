import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import type { MyProfileInput, RegisterInput } from './customer-account.inputs.js';
import { CustomerAccounts, type CustomerSignIn } from './customer-accounts.js';
import type { AddressInput, ConsentInput } from './customer.inputs.js';
import { customerChannelTypeDefs } from './customer.channel.schema.js';
import { CustomerMe, type DefaultAddressUse, type MeView } from './customer-me.js';

type Root = unknown;

/**
 * The customers module's slice of the channel API: account flows and `me`. Every `Me` field
 * reads the customer the parent came from — only `me`, the sign-in payloads and the customer's
 * own mutations produce one — so no argument ever names a customer.
 */
export const customerChannelGraphQL: GraphQLContribution = {
  typeDefs: customerChannelTypeDefs,
  resolvers: (scope) => {
    const accounts = () => scope.container.resolve(CustomerAccounts);
    const me = () => scope.container.resolve(CustomerMe);
    const session = async (ctx: Ctx, signIn: CustomerSignIn) => ({ token: signIn.token, expiresAt: signIn.expiresAt, me: await me().view(ctx, signIn.customerId) });
    return {
      EmailVerificationResult: { ADDED: 'added', ALREADY_LINKED: 'already_linked', MERGED: 'merged', SUGGESTED: 'suggested' },
      DefaultAddressUse: { SHIPPING: 'shipping', BILLING: 'billing', BOTH: 'both' },
      Query: {
        me: (_: Root, __: unknown, ctx: Ctx) => me().me(ctx),
      },
      Mutation: {
        registerCustomer: async (_: Root, args: { input: RegisterInput }, ctx: Ctx) => session(ctx, await accounts().register(ctx, args.input)),
        verifyCustomerEmail: (_: Root, args: { token: string }, ctx: Ctx) => accounts().verifyEmail(ctx, args.token),
        resendCustomerEmailVerification: (_: Root, __: unknown, ctx: Ctx) => accounts().resendVerification(ctx),
        customerLogin: async (_: Root, args: { email: string; password: string }, ctx: Ctx) => session(ctx, await accounts().login(ctx, args)),
        customerLogout: (_: Root, __: unknown, ctx: Ctx) => accounts().logout(ctx),
        requestCustomerPasswordReset: (_: Root, args: { email: string }, ctx: Ctx) => accounts().requestPasswordReset(ctx, args.email),
        resetCustomerPassword: (_: Root, args: { token: string; newPassword: string }, ctx: Ctx) => accounts().resetPassword(ctx, args),
        changeCustomerPassword: (_: Root, args: { currentPassword: string; newPassword: string }, ctx: Ctx) => accounts().changePassword(ctx, args),
        updateMyProfile: (_: Root, args: { input: MyProfileInput }, ctx: Ctx) => me().updateProfile(ctx, args.input),
        addMyAddress: (_: Root, args: { input: AddressInput }, ctx: Ctx) => me().addAddress(ctx, args.input),
        updateMyAddress: (_: Root, args: { id: string; input: AddressInput }, ctx: Ctx) => me().updateAddress(ctx, args.id, args.input),
        removeMyAddress: (_: Root, args: { id: string }, ctx: Ctx) => me().removeAddress(ctx, args.id),
        setMyDefaultAddress: (_: Root, args: { id: string; use?: DefaultAddressUse | null }, ctx: Ctx) => me().setDefaultAddress(ctx, args.id, args.use ?? 'both'),
        setMyConsent: (_: Root, args: { input: ConsentInput }, ctx: Ctx) => me().setConsent(ctx, args.input),
      },
      Me: {
        addresses: (parent: MeView, _: unknown, ctx: Ctx) => me().addresses(ctx, parent.id),
        consents: (parent: MeView, _: unknown, ctx: Ctx) => me().consents(ctx, parent.id),
        identities: (parent: MeView, _: unknown, ctx: Ctx) => me().identities(ctx, parent.id),
        timeline: (parent: MeView, args: PageArgs, ctx: Ctx) => me().timeline(ctx, parent.id, args),
      },
    };
  },
};
