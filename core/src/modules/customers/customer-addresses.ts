import { injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { inTransaction } from '../../db/transaction.js';
import { CustomerTables as T } from './customer.migrations.js';
import { addressInput, type AddressInput } from './customer.inputs.js';

/** An address of a customer's address book. */
export interface CustomerAddress {
  id: string;
  customerId: string;
  label: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
  phone: string | null;
}

/** A row of `customer_address`. */
export interface AddressRow {
  id: string;
  customer_id: string;
  label: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  phone: string | null;
}

/** An address row as the API shows it. */
export function toAddress(r: AddressRow): CustomerAddress {
  return { id: r.id, customerId: r.customer_id, label: r.label, firstName: r.first_name, lastName: r.last_name, company: r.company, line1: r.line1, line2: r.line2, city: r.city, region: r.region, postalCode: r.postal_code, country: r.country, phone: r.phone };
}

function columns(a: ReturnType<typeof addressInput.parse>) {
  return { label: a.label ?? null, first_name: a.firstName ?? null, last_name: a.lastName ?? null, company: a.company ?? null, line1: a.line1, line2: a.line2 ?? null, city: a.city, region: a.region ?? null, postal_code: a.postalCode ?? null, country: a.country, phone: a.phone ?? null };
}

/**
 * A customer's address book. Callers check who may change it (the customer themself on the
 * channel API, staff with `customers.write`); every method is scoped to one customer, so an
 * address id of another customer is NOT_FOUND.
 */
@injectable()
export class CustomerAddresses {
  async list(ctx: Ctx, customerId: string): Promise<CustomerAddress[]> {
    const rows = (await ctx.db(T.address).where('customer_id', customerId).orderBy('id')) as AddressRow[];
    return rows.map(toAddress);
  }

  async add(ctx: Ctx, customerId: string, input: AddressInput): Promise<CustomerAddress> {
    const data = parseInput(addressInput, input, 'address', 'ADDRESS_INVALID');
    return inTransaction(ctx, async (trx) => {
      const count = (await trx.db(T.address).where('customer_id', customerId).count({ n: '*' })) as [{ n: number | string }];
      if (Number(count[0].n) >= 50) throw errors.badInput('An address book holds at most 50 addresses', [], 'ADDRESS_BOOK_FULL');
      const now = Date.now();
      const row = { id: newId('cad'), customer_id: customerId, ...columns(data), created_at: now, updated_at: now };
      await trx.db(T.address).insert(row);
      return toAddress(row);
    });
  }

  async update(ctx: Ctx, customerId: string, addressId: string, input: AddressInput): Promise<CustomerAddress> {
    const data = parseInput(addressInput, input, 'address', 'ADDRESS_INVALID');
    return inTransaction(ctx, async (trx) => {
      const changed = await trx.db(T.address).where({ id: addressId, customer_id: customerId }).update({ ...columns(data), updated_at: Date.now() });
      if (changed === 0) throw errors.notFound('Address', addressId);
      return toAddress((await trx.db(T.address).where('id', addressId).first()) as AddressRow);
    });
  }

  /** Removes an address (and clears it as a default). */
  async remove(ctx: Ctx, customerId: string, addressId: string): Promise<boolean> {
    return inTransaction(ctx, async (trx) => {
      const removed = await trx.db(T.address).where({ id: addressId, customer_id: customerId }).delete();
      if (removed === 0) return false;
      await trx.db(T.customer).where({ id: customerId, default_shipping_address_id: addressId }).update({ default_shipping_address_id: null });
      await trx.db(T.customer).where({ id: customerId, default_billing_address_id: addressId }).update({ default_billing_address_id: null });
      return true;
    });
  }
}
