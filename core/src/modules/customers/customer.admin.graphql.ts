import type { IResolvers } from '@graphql-tools/utils';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import type { PluginScope } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import { addressesOfCustomer, customerById, figuresOfCustomer, identitiesOfCustomer } from './customer.admin.loaders.js';
import type { AddressInput, ConsentInput, CreateCustomerInput, UpdateCustomerInput } from './customer.inputs.js';
import { CustomerPermission as P } from './customer.permissions.js';
import type { Customer } from './customer.records.js';
import { CustomerService, type CustomerFilter } from './customer.service.js';
import { CustomerConsents } from './customer-consents.js';
import { CustomerMergeService } from './customer-merge.js';
import { CustomerPrivacy, type ErasureResult } from './customer-privacy.js';
import { CustomerStaffEdits } from './customer-staff-edits.js';
import { CustomerTimeline } from './customer-timeline.js';
import type { IdentityInput } from './identity-value.js';
import type { MergeSuggestion, SuggestionStatus } from './merge-suggestions.js';

export { customerAdminTypeDefs } from './customer.admin.schema.js';

type Root = unknown;

/** GraphQL enum NAME ↔ stored lowercase value. */
const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** `{ label: rows }` as a list for GraphQL. */
const counts = (record: Record<string, number>) => Object.entries(record).map(([label, rows]) => ({ label, rows }));

/** A customer a parent names; NOT_FOUND when it vanished. */
async function requiredCustomer(ctx: Ctx, id: string): Promise<Customer> {
  const customer = await customerById(ctx, id);
  if (!customer) throw errors.notFound('Customer', id);
  return customer;
}

/**
 * Resolvers of the customers module's admin slice: profiles with their identities, addresses,
 * notes, consents, figures and timeline (lists batched through DataLoaders), merge suggestions,
 * merges, and privacy export/erasure. Services check the permissions.
 */
export function customerAdminResolvers(scope: PluginScope): IResolvers<unknown, Ctx> {
  const customers = () => scope.container.resolve(CustomerService);
  const merges = () => scope.container.resolve(CustomerMergeService);
  const consents = () => scope.container.resolve(CustomerConsents);
  const timeline = () => scope.container.resolve(CustomerTimeline);
  const edits = () => scope.container.resolve(CustomerStaffEdits);
  const privacy = () => scope.container.resolve(CustomerPrivacy);
  const read = (ctx: Ctx) => requirePermission(ctx, P.Read);
  return {
    CustomerStatus: enumOf(['ACTIVE', 'MERGED', 'ERASED']),
    CustomerIdentityKind: enumOf(['EMAIL', 'PHONE', 'SOCIAL', 'MARKETPLACE', 'LOYALTY_CARD', 'WALK_IN']),
    CustomerConsentChannel: enumOf(['EMAIL', 'SMS', 'WHATSAPP', 'PUSH', 'POST', 'PHONE']),
    CustomerMergeSuggestionStatus: enumOf(['OPEN', 'MERGED', 'DISMISSED']),
    Query: {
      customers: (_: Root, args: PageArgs & { filter?: CustomerFilter | null }, ctx: Ctx) => customers().list(ctx, args),
      customer: (_: Root, args: { id: string }, ctx: Ctx) => customers().get(ctx, args.id),
      customerMergeSuggestions: (_: Root, args: PageArgs & { status?: SuggestionStatus | null; customerId?: string | null }, ctx: Ctx) => merges().suggestions(ctx, args),
      previewCustomerMerge: async (_: Root, args: { survivorId: string; mergedId: string }, ctx: Ctx) => {
        const preview = await merges().preview(ctx, args.survivorId, args.mergedId);
        return { ...preview, canMerge: preview.blockers.length === 0 };
      },
    },
    Mutation: {
      createCustomer: (_: Root, args: { input: CreateCustomerInput }, ctx: Ctx) => customers().create(ctx, args.input),
      updateCustomer: (_: Root, args: { input: UpdateCustomerInput }, ctx: Ctx) => customers().update(ctx, args.input),
      addCustomerIdentity: (_: Root, args: { customerId: string; input: IdentityInput; platformId?: string | null }, ctx: Ctx) =>
        customers().addIdentity(ctx, args.customerId, args.input, args.platformId ?? null),
      removeCustomerIdentity: (_: Root, args: { id: string }, ctx: Ctx) => customers().removeIdentity(ctx, args.id),
      addCustomerNote: async (_: Root, args: { customerId: string; body: string; platformId?: string | null }, ctx: Ctx) => ({
        ...(await customers().addNote(ctx, args.customerId, args.body, args.platformId ?? null)),
        platformId: args.platformId ?? null,
      }),
      addCustomerAddress: (_: Root, args: { customerId: string; input: AddressInput }, ctx: Ctx) => edits().addAddress(ctx, args.customerId, args.input),
      updateCustomerAddress: (_: Root, args: { customerId: string; id: string; input: AddressInput }, ctx: Ctx) => edits().updateAddress(ctx, args.customerId, args.id, args.input),
      removeCustomerAddress: (_: Root, args: { customerId: string; id: string }, ctx: Ctx) => edits().removeAddress(ctx, args.customerId, args.id),
      recordCustomerConsent: (_: Root, args: { customerId: string; input: ConsentInput; platformId?: string | null }, ctx: Ctx) =>
        edits().recordConsent(ctx, args.customerId, args.input, args.platformId ?? null),
      mergeCustomers: async (_: Root, args: { survivorId: string; mergedId: string }, ctx: Ctx) => {
        const result = await merges().merge(ctx, args.survivorId, args.mergedId);
        ctx.loaders.clearAll();
        return { mergeId: result.mergeId, survivor: result.survivor, moved: counts(result.moved) };
      },
      dismissCustomerMergeSuggestion: (_: Root, args: { id: string }, ctx: Ctx) => merges().dismiss(ctx, args.id),
      exportCustomer: (_: Root, args: { id: string }, ctx: Ctx) => privacy().export(ctx, args.id),
      eraseCustomer: (_: Root, args: { id: string; reason: string }, ctx: Ctx) => privacy().erase(ctx, args.id, args.reason),
    },
    Customer: {
      mergedInto: (c: Customer, _: unknown, ctx: Ctx) => (c.mergedIntoId ? customerById(ctx, c.mergedIntoId) : null),
      identities: (c: Customer, _: unknown, ctx: Ctx) => {
        read(ctx);
        return identitiesOfCustomer(ctx, c.id);
      },
      addresses: (c: Customer, _: unknown, ctx: Ctx) => {
        read(ctx);
        return addressesOfCustomer(ctx, c.id);
      },
      figures: (c: Customer, _: unknown, ctx: Ctx) => {
        read(ctx);
        return figuresOfCustomer(ctx, c.id);
      },
      notes: (c: Customer, _: unknown, ctx: Ctx) => customers().notes(ctx, c.id),
      consents: (c: Customer, _: unknown, ctx: Ctx) => {
        read(ctx);
        return { customerId: c.id };
      },
      timeline: (c: Customer, args: PageArgs & { platformId?: string | null; kinds?: string[] | null }, ctx: Ctx) => {
        read(ctx);
        return timeline().list(ctx, c.id, args);
      },
    },
    CustomerConsents: {
      current: (c: { customerId: string }, _: unknown, ctx: Ctx) => consents().current(ctx, c.customerId),
      history: (c: { customerId: string }, _: unknown, ctx: Ctx) => consents().history(ctx, c.customerId),
    },
    CustomerMergeSuggestion: {
      customer: (s: MergeSuggestion, _: unknown, ctx: Ctx) => requiredCustomer(ctx, s.customerId),
      candidate: (s: MergeSuggestion, _: unknown, ctx: Ctx) => requiredCustomer(ctx, s.candidateId),
    },
    CustomerErasure: {
      id: (e: ErasureResult) => e.erasureId,
      customer: (e: ErasureResult, _: unknown, ctx: Ctx) => requiredCustomer(ctx, e.customerId),
      cleared: (e: ErasureResult) => counts(e.cleared),
    },
  };
}
