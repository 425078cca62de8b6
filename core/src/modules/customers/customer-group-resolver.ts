import type { Ctx } from '../../kernel/context.js';
import type { CustomerGroupResolver } from '../pricing/customer-groups.js';
import { CustomerTables as T } from './customer.migrations.js';
import { segmentsOfCustomers } from './customer-segments.js';

/**
 * The customers module's answer to pricing's "which groups is this shopper in?": for a signed-in
 * customer (`ctx.actor.kind === 'customer'`, its id the customer id) the ids of the groups staff
 * put them in plus the ids of the segments they match now, so a price for a group id or a segment
 * id applies. Anonymous shoppers and staff are in none. Three statements; pricing asks once
 * per request.
 */
export const customerGroupResolver: CustomerGroupResolver = {
  groupsOf(ctx: Ctx): Promise<readonly string[]> {
    return ctx.actor?.kind === 'customer' ? groupIdsOf(ctx, ctx.actor.id) : Promise.resolve([]);
  },
};

async function groupIdsOf(ctx: Ctx, customerId: string): Promise<readonly string[]> {
  const explicit = (await ctx.db(T.groupMember).where('customer_id', customerId).select('group_id')) as { group_id: string }[];
  const segments = (await segmentsOfCustomers(ctx.db, [customerId])).get(customerId) ?? [];
  return [...explicit.map((g) => g.group_id), ...segments.map((s) => s.id)];
}
