import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import type { Connection, PageArgs } from '../../gateway/connection.js';
import { myProfileInput, type MyProfileInput } from './customer-account.inputs.js';
import type { AddressInput, ConsentInput } from './customer.inputs.js';
import { CustomerTables as T } from './customer.migrations.js';
import { searchText, type Customer, type TimelineEntry } from './customer.records.js';
import { CustomerAddresses, type CustomerAddress } from './customer-addresses.js';
import { CustomerConsents, type Consent } from './customer-consents.js';
import { requireCustomer } from './customer-sessions.js';
import { identitiesOf, loadCustomer } from './customer-store.js';
import { CustomerTimeline } from './customer-timeline.js';
import { maskIdentity } from './identity-value.js';

/** The signed-in customer as the channel API shows them: their profile and account e-mail. */
export interface MeView extends Customer {
  /** The account's sign-in e-mail (null for a customer without an account). */
  email: string | null;
  emailVerified: boolean;
}

/** One of the customer's own identities, its value mostly hidden. */
export interface MyIdentity {
  kind: string;
  namespace: string;
  masked: string;
  verified: boolean;
}

/** Which default an address becomes. */
export type DefaultAddressUse = 'shipping' | 'billing' | 'both';

/**
 * What a signed-in customer may read and change about themself on the channel API — and
 * nothing else: every method works on the customer of the request's session (never on an id
 * the client sends), so no channel path reaches another customer's record.
 */
@injectable()
export class CustomerMe {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CustomerAddresses) private readonly addressBook: CustomerAddresses,
    @inject(CustomerConsents) private readonly consentLog: CustomerConsents,
    @inject(CustomerTimeline) private readonly timelineFeed: CustomerTimeline,
  ) {}

  /** The signed-in customer. UNAUTHENTICATED without a customer session. */
  async me(ctx: Ctx): Promise<MeView> {
    return this.view(ctx, requireCustomer(ctx).id);
  }

  /** A customer's profile with their account e-mail (for resolvers after register and sign-in). */
  async view(ctx: Ctx, customerId: string): Promise<MeView> {
    const customer = await loadCustomer(ctx, customerId);
    const account = (await ctx.db(T.account).where('customer_id', customerId).first('email', 'email_verified_at')) as { email: string | null; email_verified_at: unknown } | undefined;
    return { ...customer, email: account?.email ?? null, emailVerified: account ? account.email_verified_at !== null : false };
  }

  /** Changes names and locale; fields left out keep their value. */
  async updateProfile(ctx: Ctx, input: MyProfileInput): Promise<MeView> {
    const me = requireCustomer(ctx);
    const data = parseInput(myProfileInput, input, 'profile', 'PROFILE_INVALID');
    return inTransaction(ctx, async (trx) => {
      const changes: Record<string, unknown> = {};
      if (data.firstName !== undefined) Object.assign(changes, { first_name: data.firstName || null, search_first: searchText(data.firstName) });
      if (data.lastName !== undefined) Object.assign(changes, { last_name: data.lastName || null, search_last: searchText(data.lastName) });
      if (data.locale !== undefined) changes.locale = data.locale;
      const changed = Object.keys(changes).filter((c) => !c.startsWith('search_'));
      if (changed.length > 0) {
        await trx.db(T.customer).where('id', me.id).update({ ...changes, updated_at: Date.now() });
        const platformId = ctx.platform?.id ?? null;
        await this.events.publish(trx, 'customer.updated', { customerId: me.id, platformId, changed }, { platformId });
      }
      return this.view(trx, me.id);
    });
  }

  /** The customer's own address book. */
  async addresses(ctx: Ctx, customerId: string): Promise<CustomerAddress[]> {
    return this.addressBook.list(ctx, customerId);
  }

  async addAddress(ctx: Ctx, input: AddressInput): Promise<CustomerAddress> {
    return this.addressBook.add(ctx, requireCustomer(ctx).id, input);
  }

  /** NOT_FOUND for an address that is not the customer's own. */
  async updateAddress(ctx: Ctx, addressId: string, input: AddressInput): Promise<CustomerAddress> {
    return this.addressBook.update(ctx, requireCustomer(ctx).id, addressId, input);
  }

  /** False for an address that is not the customer's own. */
  async removeAddress(ctx: Ctx, addressId: string): Promise<boolean> {
    return this.addressBook.remove(ctx, requireCustomer(ctx).id, addressId);
  }

  /** Makes one of the customer's addresses their default for shipping, billing or both. */
  async setDefaultAddress(ctx: Ctx, addressId: string, use: DefaultAddressUse = 'both'): Promise<MeView> {
    const me = requireCustomer(ctx);
    return inTransaction(ctx, async (trx) => {
      if (!(await trx.db(T.address).where({ id: addressId, customer_id: me.id }).first('id'))) throw errors.notFound('Address', addressId);
      const changes: Record<string, unknown> = { updated_at: Date.now() };
      if (use !== 'billing') changes.default_shipping_address_id = addressId;
      if (use !== 'shipping') changes.default_billing_address_id = addressId;
      await trx.db(T.customer).where('id', me.id).update(changes);
      return this.view(trx, me.id);
    });
  }

  /** The customer's current consents. */
  async consents(ctx: Ctx, customerId: string): Promise<Consent[]> {
    return this.consentLog.current(ctx, customerId);
  }

  /** Gives or withdraws a consent (recorded with the platform and wording version). */
  async setConsent(ctx: Ctx, input: ConsentInput): Promise<Consent> {
    return this.consentLog.record(ctx, requireCustomer(ctx).id, input, 'account', ctx.platform?.id ?? null);
  }

  /** The customer's own identities, values masked. */
  async identities(ctx: Ctx, customerId: string): Promise<MyIdentity[]> {
    return (await identitiesOf(ctx, customerId)).map((i) => ({ kind: i.kind, namespace: i.namespace, masked: maskIdentity(i), verified: i.verified }));
  }

  /** A page of the customer's own timeline, newest first. */
  async timeline(ctx: Ctx, customerId: string, args: PageArgs): Promise<Connection<TimelineEntry>> {
    return this.timelineFeed.list(ctx, customerId, args);
  }
}
