import type { Ctx } from '../../kernel/context.js';
import { epochDateOrNull } from '../../db/epoch-column.js';
import { CustomerTables as T } from './customer.migrations.js';
import { toCustomer, toIdentity, type Customer, type CustomerFigures, type CustomerIdentity, type CustomerRow, type IdentityRow } from './customer.records.js';
import { toAddress, type AddressRow, type CustomerAddress } from './customer-addresses.js';

// Per-request DataLoaders of the admin API: a page of customers (or of merge suggestions) reads
// the customers, identities, addresses and figures it shows in one statement each.

/** Groups rows by a key, in the order of `keys` (DataLoader's contract). */
function groupBy<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string, map: (row: R) => V): V[][] {
  const groups = new Map<string, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(map(row));
  return keys.map((k) => groups.get(k) ?? []);
}

/** A customer by id (null when there is none), batched per request. */
export function customerById(ctx: Ctx, id: string): Promise<Customer | null> {
  return ctx.loaders
    .get<string, Customer | null>('customers.byId', async (ids) => {
      const rows = (await ctx.db(T.customer).whereIn('id', [...ids])) as CustomerRow[];
      const byId = new Map(rows.map((r) => [r.id, toCustomer(r)]));
      return ids.map((key) => byId.get(key) ?? null);
    })
    .load(id);
}

/** A customer's identities (by kind, then id), batched per request. */
export function identitiesOfCustomer(ctx: Ctx, customerId: string): Promise<CustomerIdentity[]> {
  return ctx.loaders
    .get<string, CustomerIdentity[]>('customers.identitiesByCustomer', async (ids) => {
      const rows = (await ctx.db(T.identity).whereIn('customer_id', [...ids]).orderBy(['kind', 'id'])) as IdentityRow[];
      return groupBy(ids, rows, (r) => r.customer_id, toIdentity);
    })
    .load(customerId);
}

/** A customer's address book (oldest first), batched per request. */
export function addressesOfCustomer(ctx: Ctx, customerId: string): Promise<CustomerAddress[]> {
  return ctx.loaders
    .get<string, CustomerAddress[]>('customers.addressesByCustomer', async (ids) => {
      const rows = (await ctx.db(T.address).whereIn('customer_id', [...ids]).orderBy('id')) as AddressRow[];
      return groupBy(ids, rows, (r) => r.customer_id, toAddress);
    })
    .load(customerId);
}

interface StatsRow {
  customer_id: string;
  orders_count: number | string;
  first_purchase_at: number | string | null;
  last_purchase_at: number | string | null;
  preferred_location_id: string | null;
}

/** A customer's lifetime figures (zeros when they never bought), batched per request: two statements per batch. */
export function figuresOfCustomer(ctx: Ctx, customerId: string): Promise<CustomerFigures> {
  return ctx.loaders
    .get<string, CustomerFigures>('customers.figuresByCustomer', async (ids) => {
      const stats = (await ctx.db(T.stats).whereIn('customer_id', [...ids])) as StatsRow[];
      const spend = (await ctx.db(T.spend).whereIn('customer_id', [...ids]).orderBy('currency')) as { customer_id: string; currency: string; amount: number | string }[];
      const statsOf = new Map(stats.map((s) => [s.customer_id, s]));
      const spendOf = groupBy(ids, spend, (s) => s.customer_id, (s) => ({ currency: s.currency, amount: Number(s.amount) }));
      return ids.map((id, i) => {
        const s = statsOf.get(id);
        return {
          ordersCount: Number(s?.orders_count ?? 0),
          spend: spendOf[i]!,
          firstPurchaseAt: epochDateOrNull(s?.first_purchase_at ?? null),
          lastPurchaseAt: epochDateOrNull(s?.last_purchase_at ?? null),
          preferredLocationId: s?.preferred_location_id ?? null,
        };
      });
    })
    .load(customerId);
}
