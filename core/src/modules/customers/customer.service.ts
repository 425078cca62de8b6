import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { dialectOf } from '../../db/database.js';
import { toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerPermission as P } from './customer.permissions.js';
import { searchText, toCustomer, type Customer, type CustomerFigures, type CustomerIdentity, type CustomerRow } from './customer.records.js';
import { CustomerTokens } from './customer.tokens.js';
import { figuresOf } from './customer-figures.js';
import { findIdentities, identitiesOf, insertCustomer, insertIdentity, loadCustomer } from './customer-store.js';
import { normaliseIdentity, type IdentityInput } from './identity-value.js';
import { createCustomerInput, updateCustomerInput, type CreateCustomerInput, type UpdateCustomerInput } from './customer.inputs.js';

/** Filters of the customers list. */
export interface CustomerFilter {
  status?: 'active' | 'merged' | 'erased' | null;
  /** Customers first seen on this platform. */
  platformId?: string | null;
  /** Only customers with this tag. */
  tag?: string | null;
  /** Start of the first or last name (case and accents ignored). */
  name?: string | null;
}

/**
 * Customer profiles for staff: list, read, create, edit, tags and identities. Reading needs
 * `customers.read`, changing `customers.write` (a customer is one record across platforms, so
 * these are not scoped to a platform). Every write is audited without personal data.
 */
@injectable()
export class CustomerService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CustomerTokens.Audit) private readonly audit: AuditLog,
  ) {}

  async get(ctx: Ctx, id: string): Promise<Customer> {
    requirePermission(ctx, P.Read);
    return loadCustomer(ctx, id);
  }

  /** Customers by id in one statement (for DataLoaders); missing ids are left out. */
  async byIds(ctx: Ctx, ids: readonly string[]): Promise<Customer[]> {
    if (ids.length === 0) return [];
    return ((await ctx.db(T.customer).whereIn('id', [...new Set(ids)])) as CustomerRow[]).map(toCustomer);
  }

  /** A page of customers, newest first. */
  async list(ctx: Ctx, args: PageArgs & { filter?: CustomerFilter | null } = {}): Promise<Connection<Customer>> {
    requirePermission(ctx, P.Read);
    const page = readPageArgs(args);
    const filter = args.filter ?? {};
    const query = ctx.db(T.customer).orderBy('id', 'desc').limit(page.size + 1);
    query.where('status', filter.status ?? 'active');
    if (filter.platformId) query.where('created_platform_id', filter.platformId);
    // jsonb on PostgreSQL compares as text only after a cast.
    if (filter.tag) query.whereRaw(dialectOf(ctx.db) === 'postgres' ? `tags::text like ?` : `tags like ?`, [`%"${filter.tag.replace(/["%_\\]/g, '')}"%`]);
    const name = searchText(filter.name);
    if (name) {
      const end = `${name}\uffff`;
      query.where((q) => q.where((a) => a.where('search_last', '>=', name).where('search_last', '<', end)).orWhere((b) => b.where('search_first', '>=', name).where('search_first', '<', end)));
    }
    if (page.afterKey) query.where('id', '<', page.afterKey);
    const rows = (await query) as CustomerRow[];
    return toConnection(rows.map(toCustomer), page.size, (c) => c.id);
  }

  /** Creates a customer by hand; identities already known elsewhere are refused (IDENTITY_TAKEN). */
  async create(ctx: Ctx, input: CreateCustomerInput): Promise<Customer> {
    requirePermission(ctx, P.Write);
    const data = parseInput(createCustomerInput, input, 'customer', 'CUSTOMER_INPUT_INVALID');
    const identities = (data.identities ?? []).map((identity, i) => this.normalise(identity as IdentityInput, `identities[${i}]`));
    return inTransaction(ctx, async (trx) => {
      const taken = await findIdentities(trx, identities);
      if (taken.length > 0) throw this.identityTaken(taken[0]!, identities.findIndex((i) => i.value === taken[0]!.value));
      const customer = await insertCustomer(trx, { firstName: data.firstName, lastName: data.lastName, locale: data.locale, platformId: data.platformId, tags: data.tags ?? [] });
      for (const identity of identities) await this.link(trx, customer.id, identity, data.platformId ?? null);
      await this.audit.record(trx, { action: 'customer.created', entityType: 'customer', entityId: customer.id, platformId: data.platformId ?? null, after: { identities: identities.map((i) => i.kind) } });
      await this.events.publish(trx, 'customer.created', { customerId: customer.id, platformId: data.platformId ?? null, source: 'staff' }, { platformId: data.platformId ?? null });
      return customer;
    });
  }

  /** Edits names, locale, tags and default addresses; fields left out keep their value. */
  async update(ctx: Ctx, input: UpdateCustomerInput): Promise<Customer> {
    requirePermission(ctx, P.Write);
    const data = parseInput(updateCustomerInput, input, 'customer', 'CUSTOMER_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const before = await this.active(trx, data.id);
      const changes: Record<string, unknown> = {};
      if (data.firstName !== undefined) Object.assign(changes, { first_name: data.firstName || null, search_first: searchText(data.firstName) });
      if (data.lastName !== undefined) Object.assign(changes, { last_name: data.lastName || null, search_last: searchText(data.lastName) });
      if (data.locale !== undefined) changes.locale = data.locale;
      if (data.tags) changes.tags = toJson([...new Set(data.tags)].sort());
      for (const [key, column] of [['defaultShippingAddressId', 'default_shipping_address_id'], ['defaultBillingAddressId', 'default_billing_address_id']] as const) {
        const addressId = data[key];
        if (addressId === undefined) continue;
        if (addressId && !(await trx.db(T.address).where({ id: addressId, customer_id: before.id }).first('id'))) {
          throw errors.badInput('That address is not in this customer’s address book', [{ path: key, message: 'is not one of the customer’s addresses' }], 'ADDRESS_NOT_FOUND');
        }
        changes[column] = addressId;
      }
      const changed = Object.keys(changes);
      if (changed.length === 0) return before;
      await trx.db(T.customer).where('id', before.id).update({ ...changes, updated_at: Date.now() });
      await this.audit.record(trx, { action: 'customer.updated', entityType: 'customer', entityId: before.id, after: { changed } });
      await this.events.publish(trx, 'customer.updated', { customerId: before.id, platformId: null, changed });
      return loadCustomer(trx, before.id);
    });
  }

  async identities(ctx: Ctx, customerId: string): Promise<CustomerIdentity[]> {
    requirePermission(ctx, P.Read);
    return identitiesOf(ctx, customerId);
  }

  async figures(ctx: Ctx, customerId: string): Promise<CustomerFigures> {
    requirePermission(ctx, P.Read);
    return figuresOf(ctx, customerId);
  }

  /** Adds an identity staff checked (or not) to a customer. IDENTITY_TAKEN when another customer has it. */
  async addIdentity(ctx: Ctx, customerId: string, input: IdentityInput, platformId: string | null = null): Promise<CustomerIdentity> {
    requirePermission(ctx, P.Write);
    const identity = this.normalise(input, 'identity');
    return inTransaction(ctx, async (trx) => {
      await this.active(trx, customerId);
      const [existing] = await findIdentities(trx, [identity]);
      if (existing) throw this.identityTaken(existing, -1, existing.customerId === customerId);
      const added = await this.link(trx, customerId, identity, platformId);
      await this.audit.record(trx, { action: 'customer.identity_added', entityType: 'customer', entityId: customerId, after: { kind: identity.kind, verified: identity.verified } });
      return added;
    });
  }

  /** Removes an identity from its customer. */
  async removeIdentity(ctx: Ctx, identityId: string): Promise<boolean> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      const row = (await trx.db(T.identity).where('id', identityId).first('customer_id', 'kind')) as { customer_id: string; kind: string } | undefined;
      if (!row) return false;
      await trx.db(T.identity).where('id', identityId).delete();
      await this.audit.record(trx, { action: 'customer.identity_removed', entityType: 'customer', entityId: row.customer_id, before: { kind: row.kind } });
      return true;
    });
  }

  /** Adds a staff note to a customer. */
  async addNote(ctx: Ctx, customerId: string, body: string, platformId: string | null = null): Promise<{ id: string; body: string; createdAt: Date; authorId: string | null }> {
    const actor = requirePermission(ctx, P.Write);
    const text = (body ?? '').trim();
    if (text.length === 0 || text.length > 4000) throw errors.badInput('A note needs 1–4000 characters', [{ path: 'body', message: 'must be 1–4000 characters' }], 'NOTE_INVALID');
    return inTransaction(ctx, async (trx) => {
      await this.active(trx, customerId);
      const now = Date.now();
      const id = newId('cnt');
      await trx.db(T.note).insert({ id, customer_id: customerId, body: text, author_id: actor.id, platform_id: platformId, created_at: now });
      await this.audit.record(trx, { action: 'customer.note_added', entityType: 'customer', entityId: customerId, after: { noteId: id } });
      return { id, body: text, createdAt: new Date(now), authorId: actor.id };
    });
  }

  /** A customer's staff notes, newest first. */
  async notes(ctx: Ctx, customerId: string): Promise<{ id: string; body: string; createdAt: Date; authorId: string | null; platformId: string | null }[]> {
    requirePermission(ctx, P.Read);
    const rows = (await ctx.db(T.note).where('customer_id', customerId).orderBy('id', 'desc').limit(200)) as { id: string; body: string; created_at: number | string; author_id: string | null; platform_id: string | null }[];
    return rows.map((r) => ({ id: r.id, body: r.body, createdAt: new Date(Number(r.created_at)), authorId: r.author_id, platformId: r.platform_id }));
  }

  /** An active customer; CONFLICT when merged (pointing at the survivor) or erased. */
  async active(ctx: Ctx, id: string): Promise<Customer> {
    const customer = await loadCustomer(ctx, id);
    if (customer.status === 'merged') throw new PlazaError('CONFLICT', `This customer was merged into ${customer.mergedIntoId}`, { reason: 'CUSTOMER_MERGED', details: { mergedIntoId: customer.mergedIntoId } });
    if (customer.status === 'erased') throw new PlazaError('CONFLICT', 'This customer was erased', { reason: 'CUSTOMER_ERASED' });
    return customer;
  }

  private normalise(input: IdentityInput, path: string) {
    const result = normaliseIdentity(input);
    if (!result.ok) throw errors.badInput(`The ${input.kind} ${result.message}`, [{ path: `${path}.value`, message: result.message }], 'IDENTITY_INVALID');
    return result.identity;
  }

  private identityTaken(identity: CustomerIdentity, index: number, sameCustomer = false): PlazaError {
    const path = index >= 0 ? `identities[${index}].value` : 'identity.value';
    return new PlazaError('CONFLICT', sameCustomer ? 'The customer already has this identity' : `This ${identity.kind} belongs to another customer; merge the two customers instead`, {
      reason: 'IDENTITY_TAKEN',
      fields: [{ path, message: 'is already linked' }],
      details: sameCustomer ? undefined : { customerId: identity.customerId },
    });
  }

  private async link(ctx: Ctx, customerId: string, identity: ReturnType<CustomerService['normalise']>, platformId: string | null): Promise<CustomerIdentity> {
    let row: CustomerIdentity;
    try {
      row = await insertIdentity(ctx, customerId, identity, platformId);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlazaError('CONFLICT', `This ${identity.kind} was just linked to another customer`, { reason: 'IDENTITY_TAKEN', cause: error });
      throw error;
    }
    await this.events.publish(ctx, 'customer.identity_linked', { customerId, platformId, identityId: row.id, kind: identity.kind, namespace: identity.namespace, verified: identity.verified }, { platformId });
    return row;
  }
}
