import { mergeResolvers, mergeTypeDefs } from '@graphql-tools/merge';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import { customerAdminResolvers } from './customer.admin.graphql.js';
import { customerAdminTypeDefs } from './customer.admin.schema.js';
import { customerLookupResolvers, customerLookupTypeDefs } from './customer-lookup.graphql.js';

/**
 * The customers module's one admin API contribution: profiles, identities, merges and privacy
 * (customer.admin.graphql.ts) with staff lookup, groups and segments (customer-lookup.graphql.ts).
 */
export const customerAdminGraphQL: GraphQLContribution = {
  typeDefs: mergeTypeDefs([customerAdminTypeDefs, customerLookupTypeDefs]),
  resolvers: (scope) => mergeResolvers([customerAdminResolvers(scope), customerLookupResolvers(scope)]),
};
