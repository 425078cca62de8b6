import type { InjectionToken } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';

/**
 * Tells pricing which customer groups the customer of a request belongs to (group prices
 * apply to their members). The customers module binds its implementation to
 * {@link CustomerGroupResolverToken} and lists the token in its manifest's `exports`; until
 * then nobody is in a group and only base prices apply.
 */
export interface CustomerGroupResolver {
  /** The ids of the groups of `ctx`'s customer (none for anonymous shoppers). */
  groupsOf(ctx: Ctx): Promise<readonly string[]>;
}

/** The injection token of the {@link CustomerGroupResolver} (bound by the customers module). */
export const CustomerGroupResolverToken: InjectionToken<CustomerGroupResolver> = Symbol.for('plaza.pricing.CustomerGroupResolver');

/** The default: no customer is in any group. */
export const noCustomerGroups: CustomerGroupResolver = { groupsOf: () => Promise.resolve([]) };
