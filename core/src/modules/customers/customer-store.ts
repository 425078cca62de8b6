import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { toJson } from '../../db/json-column.js';
import { CustomerTables as T } from './customer.migrations.js';
import { searchText, toCustomer, toIdentity, type Customer, type CustomerIdentity, type CustomerRow, type IdentityRow } from './customer.records.js';
import type { NormalisedIdentity } from './identity-value.js';

/** A new customer's profile fields. */
export interface NewCustomer {
  firstName?: string | null;
  lastName?: string | null;
  locale?: string | null;
  platformId?: string | null;
  tags?: string[];
}

/** Inserts a customer row (no permission check, no event: callers do both). */
export async function insertCustomer(ctx: Ctx, input: NewCustomer): Promise<Customer> {
  const now = Date.now();
  const row: CustomerRow = {
    id: newId('cus'),
    first_name: input.firstName?.trim() || null,
    last_name: input.lastName?.trim() || null,
    search_first: searchText(input.firstName),
    search_last: searchText(input.lastName),
    locale: input.locale ?? null,
    created_platform_id: input.platformId ?? null,
    status: 'active',
    merged_into_id: null,
    tags: toJson([...new Set(input.tags ?? [])].sort()),
    default_shipping_address_id: null,
    default_billing_address_id: null,
    created_at: now,
    updated_at: now,
    erased_at: null,
  };
  await ctx.db(T.customer).insert(row);
  return toCustomer(row);
}

/** A customer row by id, or undefined. */
export async function findCustomer(ctx: Ctx, id: string): Promise<Customer | undefined> {
  const row = (await ctx.db(T.customer).where('id', id).first()) as CustomerRow | undefined;
  return row ? toCustomer(row) : undefined;
}

/** A customer by id; NOT_FOUND when there is none. */
export async function loadCustomer(ctx: Ctx, id: string): Promise<Customer> {
  const customer = await findCustomer(ctx, id);
  if (!customer) throw errors.notFound('Customer', id);
  return customer;
}

/** The customer a (possibly merged) id lives on now: follows `merged_into_id`. */
export async function currentCustomerId(ctx: Ctx, id: string): Promise<string | null> {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const row = (await ctx.db(T.customer).where('id', current).first('status', 'merged_into_id')) as Pick<CustomerRow, 'status' | 'merged_into_id'> | undefined;
    if (!row) return null;
    if (row.status !== 'merged' || !row.merged_into_id) return current;
    current = row.merged_into_id;
  }
  return current;
}

/** The identities of a customer, e-mails first then phones, handles… */
export async function identitiesOf(ctx: Ctx, customerId: string): Promise<CustomerIdentity[]> {
  const rows = (await ctx.db(T.identity).where('customer_id', customerId).orderBy(['kind', 'id'])) as IdentityRow[];
  return rows.map(toIdentity);
}

/** The stored identities matching any of these normalised values. */
export async function findIdentities(ctx: Ctx, identities: readonly Pick<NormalisedIdentity, 'kind' | 'namespace' | 'value'>[]): Promise<CustomerIdentity[]> {
  if (identities.length === 0) return [];
  const rows = (await ctx.db(T.identity).where((q) => {
    for (const i of identities) q.orWhere({ kind: i.kind, namespace: i.namespace, value: i.value });
  })) as IdentityRow[];
  return rows.map(toIdentity);
}

/** Inserts an identity for a customer (the value must be free). */
export async function insertIdentity(ctx: Ctx, customerId: string, identity: NormalisedIdentity, platformId: string | null): Promise<CustomerIdentity> {
  const now = Date.now();
  const row: IdentityRow = {
    id: newId('cid'),
    customer_id: customerId,
    kind: identity.kind,
    namespace: identity.namespace,
    value: identity.value,
    verified: identity.verified,
    platform_id: platformId,
    created_at: now,
    verified_at: identity.verified ? now : null,
  };
  await ctx.db(T.identity).insert(row);
  return toIdentity(row);
}
