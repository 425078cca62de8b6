import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../../kernel/context.js';
import type { PluginScope } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import type { Customer } from './customer.records.js';
import { CustomerGroups, groupsOfCustomer, type CreateCustomerGroupInput, type UpdateCustomerGroupInput } from './customer-groups.js';
import { CustomerLookup } from './customer-lookup.js';
import { CustomerSegments, segmentsOfCustomer, type CreateCustomerSegmentInput, type CustomerSegment, type UpdateCustomerSegmentInput } from './customer-segments.js';

export { customerLookupTypeDefs } from './customer-lookup.schema.js';

type Root = unknown;

/** Resolvers of staff lookup, customer groups and segments (composed with the rest of the customers admin API). */
export function customerLookupResolvers(scope: PluginScope<unknown>): IResolvers<unknown, Ctx> {
  const lookup = () => scope.container.resolve(CustomerLookup);
  const groups = () => scope.container.resolve(CustomerGroups);
  const segments = () => scope.container.resolve(CustomerSegments);
  return {
    Query: {
      customerLookup: (_: Root, args: { query: string; first?: number | null }, ctx: Ctx) => lookup().lookup(ctx, args.query, args.first ?? 10),
      customerGroups: (_: Root, args: PageArgs, ctx: Ctx) => groups().list(ctx, args),
      customerGroup: (_: Root, args: { id: string }, ctx: Ctx) => groups().get(ctx, args.id),
      customerSegments: (_: Root, args: PageArgs, ctx: Ctx) => segments().list(ctx, args),
      customerSegment: (_: Root, args: { id: string }, ctx: Ctx) => segments().get(ctx, args.id),
    },
    Mutation: {
      createCustomerGroup: (_: Root, args: { input: CreateCustomerGroupInput }, ctx: Ctx) => groups().create(ctx, args.input),
      updateCustomerGroup: (_: Root, args: { input: { id: string; name?: string | null } }, ctx: Ctx) => groups().update(ctx, withoutNulls(args.input) as UpdateCustomerGroupInput),
      deleteCustomerGroup: (_: Root, args: { id: string }, ctx: Ctx) => groups().delete(ctx, args.id),
      addCustomerToGroup: (_: Root, args: { groupId: string; customerId: string }, ctx: Ctx) => groups().addMember(ctx, args.groupId, args.customerId),
      removeCustomerFromGroup: (_: Root, args: { groupId: string; customerId: string }, ctx: Ctx) => groups().removeMember(ctx, args.groupId, args.customerId),
      createCustomerSegment: (_: Root, args: { input: CreateCustomerSegmentInput }, ctx: Ctx) => segments().create(ctx, args.input),
      updateCustomerSegment: (_: Root, args: { input: { id: string; name?: string | null; rules?: unknown } }, ctx: Ctx) => segments().update(ctx, withoutNulls(args.input) as UpdateCustomerSegmentInput),
      deleteCustomerSegment: (_: Root, args: { id: string }, ctx: Ctx) => segments().delete(ctx, args.id),
    },
    CustomerSegment: {
      members: (s: CustomerSegment, args: PageArgs, ctx: Ctx) => segments().members(ctx, s.id, args),
    },
    Customer: {
      segments: (c: Customer, _: unknown, ctx: Ctx) => segmentsOfCustomer(ctx, c.id),
      groups: (c: Customer, _: unknown, ctx: Ctx) => groupsOfCustomer(ctx, c.id),
    },
  };
}

/** GraphQL passes null for optional fields left out; the services read undefined as "keep". */
function withoutNulls(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
}
