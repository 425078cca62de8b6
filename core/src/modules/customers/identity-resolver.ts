import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Knex } from 'knex';
import { CustomerTables as T } from './customer.migrations.js';
import { searchText, type Customer, type CustomerIdentity } from './customer.records.js';
import { findIdentities, insertCustomer, insertIdentity, loadCustomer } from './customer-store.js';
import { maskIdentity, normaliseIdentity, type IdentityInput, type NormalisedIdentity } from './identity-value.js';
import { suggestMerge } from './merge-suggestions.js';

/** Someone arriving from a platform: an order, a signup, a conversation, a POS sale. */
export interface ResolveInput {
  platformId: string | null;
  identities: IdentityInput[];
  profile?: { firstName?: string | null; lastName?: string | null; locale?: string | null };
  /** What brought them (`order`, `signup`, `conversation`, `pos`…), for the timeline and the evidence. */
  source: string;
}

/** Who they are: an existing customer (linked by a verified identity) or a new one, and what staff should review. */
export interface ResolveResult {
  customer: Customer;
  created: boolean;
  /** The verified identity that linked them to an existing customer. */
  linkedBy: CustomerIdentity | null;
  /** Merge suggestions created or extended (unverified matches). */
  suggestionIds: string[];
}

/**
 * Identity resolution. A **verified** identity that matches a stored one links the arrival to
 * that customer; an unverified match never links — the arrival gets a customer of its own and
 * staff get a merge suggestion with the evidence. New identity values are added to the
 * customer they resolved to (each value belongs to one customer only).
 */
@injectable()
export class IdentityResolver {
  constructor(@inject(Tokens.EventBus) private readonly events: EventBus) {}

  /** Resolves (and records) who arrived. No permission check: the calling module checks its own. */
  async resolve(ctx: Ctx, input: ResolveInput): Promise<ResolveResult> {
    const incoming = this.normalise(input.identities);
    return inTransaction(ctx, async (trx) => {
      const stored = await findIdentities(trx, incoming);
      const storedOf = (i: NormalisedIdentity) => stored.find((s) => s.kind === i.kind && s.namespace === i.namespace && s.value === i.value);
      const verifiedMatches = incoming.filter((i) => i.verified && storedOf(i)).map((i) => storedOf(i)!);
      const linkedBy = verifiedMatches[0] ?? null;
      let customer: Customer;
      let created = false;
      if (linkedBy) customer = await loadCustomer(trx, linkedBy.customerId);
      else {
        customer = await insertCustomer(trx, { ...input.profile, platformId: input.platformId });
        created = true;
        await this.events.publish(trx, 'customer.created', { customerId: customer.id, platformId: input.platformId, source: input.source }, { platformId: input.platformId });
      }
      const suggestionIds = new Set<string>();
      for (const identity of incoming) {
        const existing = storedOf(identity);
        if (existing && existing.customerId === customer.id) {
          if (identity.verified && !existing.verified) await trx.db(T.identity).where('id', existing.id).update({ verified: true, verified_at: Date.now() });
          continue;
        }
        if (existing) {
          suggestionIds.add(await suggestMerge(trx, this.events, customer.id, existing.customerId, this.evidence(identity, input)));
          continue;
        }
        await this.addIdentity(trx, customer.id, identity, input);
      }
      if (!created) await this.fillProfile(trx, customer, input.profile);
      return { customer: await loadCustomer(trx, customer.id), created, linkedBy, suggestionIds: [...suggestionIds] };
    });
  }

  private normalise(identities: IdentityInput[]): NormalisedIdentity[] {
    const fields: { path: string; message: string }[] = [];
    const out: NormalisedIdentity[] = [];
    identities.forEach((identity, i) => {
      const result = normaliseIdentity(identity);
      if (result.ok) out.push(result.identity);
      else fields.push({ path: `identities[${i}].value`, message: result.message });
    });
    if (fields.length > 0) throw errors.badInput('Some identities are not valid', fields, 'IDENTITY_INVALID');
    return out;
  }

  private evidence(identity: NormalisedIdentity, input: ResolveInput) {
    return { kind: identity.kind, namespace: identity.namespace, masked: maskIdentity(identity), verified: identity.verified, platformId: input.platformId, source: input.source, at: new Date().toISOString() };
  }

  /** Adds an identity in a savepoint; a concurrent writer that took the value first turns it into a suggestion. */
  private async addIdentity(ctx: Ctx, customerId: string, identity: NormalisedIdentity, input: ResolveInput): Promise<'added' | 'taken'> {
    try {
      const row = await (ctx.db as Knex).transaction((sp) => insertIdentity({ ...ctx, db: sp }, customerId, identity, input.platformId));
      await this.events.publish(ctx, 'customer.identity_linked', { customerId, platformId: input.platformId, identityId: row.id, kind: identity.kind, namespace: identity.namespace, verified: identity.verified }, { platformId: input.platformId });
      return 'added';
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [winner] = await findIdentities(ctx, [identity]);
      if (!winner) throw new PlazaError('CONFLICT', 'The identity changed while it was being linked; try again', { reason: 'IDENTITY_RACE', cause: error });
      if (winner.customerId !== customerId) await suggestMerge(ctx, this.events, customerId, winner.customerId, this.evidence(identity, input));
      return 'taken';
    }
  }

  /** Fills names and locale the existing profile does not have yet (never overwrites). */
  private async fillProfile(ctx: Ctx, customer: Customer, profile: ResolveInput['profile']): Promise<void> {
    if (!profile) return;
    const changes: Record<string, unknown> = {};
    if (!customer.firstName && profile.firstName?.trim()) Object.assign(changes, { first_name: profile.firstName.trim(), search_first: searchText(profile.firstName) });
    if (!customer.lastName && profile.lastName?.trim()) Object.assign(changes, { last_name: profile.lastName.trim(), search_last: searchText(profile.lastName) });
    if (!customer.locale && profile.locale) changes.locale = profile.locale;
    if (Object.keys(changes).length > 0) await ctx.db(T.customer).where('id', customer.id).update({ ...changes, updated_at: Date.now() });
  }
}
