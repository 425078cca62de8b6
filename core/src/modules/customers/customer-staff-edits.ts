import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { inTransaction } from '../../db/transaction.js';
import { CustomerPermission as P } from './customer.permissions.js';
import { CustomerService } from './customer.service.js';
import { CustomerTokens } from './customer.tokens.js';
import { CustomerAddresses, type CustomerAddress } from './customer-addresses.js';
import { CustomerConsents, type Consent } from './customer-consents.js';
import type { AddressInput, ConsentInput } from './customer.inputs.js';

/**
 * Address book and consent changes staff make for a customer (`customers.write`): each on an
 * active customer, in one transaction with its audit entry (ids and codes only, no personal
 * data). The channel API's own-account changes go through the same services without staff audit.
 */
@injectable()
export class CustomerStaffEdits {
  constructor(
    @inject(CustomerService) private readonly customers: CustomerService,
    @inject(CustomerAddresses) private readonly addresses: CustomerAddresses,
    @inject(CustomerConsents) private readonly consents: CustomerConsents,
    @inject(CustomerTokens.Audit) private readonly audit: AuditLog,
  ) {}

  async addAddress(ctx: Ctx, customerId: string, input: AddressInput): Promise<CustomerAddress> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      await this.customers.active(trx, customerId);
      const address = await this.addresses.add(trx, customerId, input);
      await this.audit.record(trx, { action: 'customer.address_added', entityType: 'customer', entityId: customerId, after: { addressId: address.id } });
      return address;
    });
  }

  async updateAddress(ctx: Ctx, customerId: string, addressId: string, input: AddressInput): Promise<CustomerAddress> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      await this.customers.active(trx, customerId);
      const address = await this.addresses.update(trx, customerId, addressId, input);
      await this.audit.record(trx, { action: 'customer.address_updated', entityType: 'customer', entityId: customerId, after: { addressId } });
      return address;
    });
  }

  async removeAddress(ctx: Ctx, customerId: string, addressId: string): Promise<boolean> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      await this.customers.active(trx, customerId);
      const removed = await this.addresses.remove(trx, customerId, addressId);
      if (removed) await this.audit.record(trx, { action: 'customer.address_removed', entityType: 'customer', entityId: customerId, before: { addressId } });
      return removed;
    });
  }

  /** A consent the customer gave or withdrew to staff (source `staff`), on `platformId` when given. */
  async recordConsent(ctx: Ctx, customerId: string, input: ConsentInput, platformId: string | null): Promise<Consent> {
    requirePermission(ctx, P.Write, { platformId });
    return inTransaction(ctx, async (trx) => {
      await this.customers.active(trx, customerId);
      const consent = await this.consents.record(trx, customerId, input, 'staff', platformId);
      await this.audit.record(trx, {
        action: 'customer.consent_recorded',
        entityType: 'customer',
        entityId: customerId,
        platformId,
        after: { purpose: consent.purpose, channel: consent.channel, granted: consent.granted, wordingVersion: consent.wordingVersion },
      });
      return consent;
    });
  }
}
