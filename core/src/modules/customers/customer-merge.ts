import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { dialectOf } from '../../db/database.js';
import { toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerPermission as P } from './customer.permissions.js';
import { type Customer, type CustomerRow, toCustomer } from './customer.records.js';
import { CustomerTokens } from './customer.tokens.js';
import { refreshFigures } from './customer-figures.js';
import { toSuggestion, type MergeSuggestion, type SuggestionRow, type SuggestionStatus } from './merge-suggestions.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';

/** What a merge would move: rows per kind of record, and what stops it. */
export interface MergePreview {
  survivor: Customer;
  merged: Customer;
  /** Rows that move to the survivor, per table label (identities, addresses, orders…). */
  moves: { label: string; table: string; rows: number }[];
  /** Why the merge cannot be applied (empty when it can). */
  blockers: string[];
}

/** The record of an applied merge. */
export interface MergeResult {
  mergeId: string;
  survivor: Customer;
  moved: Record<string, number>;
}

/**
 * Merging two customers into one: in one transaction every record of the merged customer —
 * this module's and every plugin's declared `customerData` (orders, returns, conversations,
 * points, credit…) — moves to the survivor; identities move with them; the merged record stays
 * as a pointer (`status` merged) so old references still resolve. Audited; previewable.
 */
@injectable()
export class CustomerMergeService {
  constructor(
    @inject(Tokens.Plugins) private readonly registry: PluginRegistry,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CustomerTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Merge suggestions, newest first (open ones by default), optionally of one customer. */
  async suggestions(ctx: Ctx, args: PageArgs & { status?: SuggestionStatus | null; customerId?: string | null } = {}): Promise<Connection<MergeSuggestion>> {
    requirePermission(ctx, P.Merge);
    const page = readPageArgs(args);
    const query = ctx.db(T.suggestion).where('status', args.status ?? 'open').orderBy('id', 'desc').limit(page.size + 1);
    if (args.customerId) query.where((q) => q.where('customer_id', args.customerId!).orWhere('candidate_id', args.customerId!));
    if (page.afterKey) query.where('id', '<', page.afterKey);
    const rows = (await query) as SuggestionRow[];
    return toConnection(rows.map(toSuggestion), page.size, (s) => s.id);
  }

  /** Staff decided the two records are different people. */
  async dismiss(ctx: Ctx, suggestionId: string): Promise<MergeSuggestion> {
    const actor = requirePermission(ctx, P.Merge);
    return inTransaction(ctx, async (trx) => {
      const row = (await trx.db(T.suggestion).where('id', suggestionId).first()) as SuggestionRow | undefined;
      if (!row) throw errors.notFound('Merge suggestion', suggestionId);
      if (row.status !== 'open') throw new PlazaError('CONFLICT', `This suggestion is already ${row.status}`, { reason: 'SUGGESTION_RESOLVED' });
      const now = Date.now();
      await trx.db(T.suggestion).where('id', suggestionId).update({ status: 'dismissed', resolved_at: now, resolved_by: actor.id });
      await this.audit.record(trx, { action: 'customer.merge_dismissed', entityType: 'customer', entityId: row.customer_id, after: { suggestionId, candidateId: row.candidate_id } });
      return toSuggestion({ ...row, status: 'dismissed', resolved_at: now, resolved_by: actor.id });
    });
  }

  /** What merging `mergedId` into `survivorId` would do. */
  async preview(ctx: Ctx, survivorId: string, mergedId: string): Promise<MergePreview> {
    requirePermission(ctx, P.Merge);
    const [survivor, merged] = await this.pair(ctx, survivorId, mergedId, false);
    const moves: MergePreview['moves'] = [];
    for (const source of this.registry.customerData) {
      if (source.onMerge === 'skip' || source.onMerge === 'delete') continue;
      const [{ n }] = (await ctx.db(source.table).where(source.customerColumn, mergedId).count({ n: '*' })) as [{ n: number | string }];
      if (Number(n) > 0) moves.push({ label: source.label, table: source.table, rows: Number(n) });
    }
    return { survivor, merged, moves, blockers: await this.blockers(ctx, survivor, merged) };
  }

  /** Merges `mergedId` into `survivorId`. CONFLICT when a blocker stands (see {@link preview}). */
  async merge(ctx: Ctx, survivorId: string, mergedId: string): Promise<MergeResult> {
    const actor = requirePermission(ctx, P.Merge);
    return inTransaction(ctx, async (trx) => {
      const [survivor, merged] = await this.pair(trx, survivorId, mergedId, true);
      const blockers = await this.blockers(trx, survivor, merged);
      if (blockers.length > 0) throw new PlazaError('CONFLICT', blockers[0]!, { reason: 'MERGE_BLOCKED', details: { blockers } });
      const moved: Record<string, number> = {};
      for (const source of this.registry.customerData) {
        if (source.onMerge === 'skip') continue;
        const rows = trx.db(source.table).where(source.customerColumn, mergedId);
        const n = source.onMerge === 'delete' ? await rows.delete() : await rows.update({ [source.customerColumn]: survivorId });
        if (n > 0) moved[source.label] = (moved[source.label] ?? 0) + n;
      }
      await this.mergeOwnRecords(trx, survivor, merged);
      const mergeId = newId('cmg');
      const now = Date.now();
      await trx.db(T.merge).insert({ id: mergeId, survivor_id: survivorId, merged_id: mergedId, moved: toJson(moved), actor_id: actor.id, merged_at: now });
      await trx.db(T.customer).where('id', mergedId).update({ status: 'merged', merged_into_id: survivorId, first_name: null, last_name: null, search_first: null, search_last: null, tags: toJson([]), updated_at: now });
      await this.audit.record(trx, { action: 'customer.merged', entityType: 'customer', entityId: survivorId, before: { mergedId }, after: { survivorId, moved } });
      await this.events.publish(trx, 'customer.merged', { survivorId, mergedId, mergeId });
      const row = (await trx.db(T.customer).where('id', survivorId).first()) as CustomerRow;
      return { mergeId, survivor: toCustomer(row), moved };
    });
  }

  private async pair(ctx: Ctx, survivorId: string, mergedId: string, lock: boolean): Promise<[Customer, Customer]> {
    if (survivorId === mergedId) throw errors.badInput('A customer cannot be merged into itself', [{ path: 'mergedId', message: 'is the survivor' }], 'MERGE_SAME_CUSTOMER');
    const query = ctx.db(T.customer).whereIn('id', [survivorId, mergedId]);
    if (lock && dialectOf(ctx.db) === 'postgres') query.forUpdate();
    const rows = ((await query) as CustomerRow[]).map(toCustomer);
    const survivor = rows.find((c) => c.id === survivorId);
    const merged = rows.find((c) => c.id === mergedId);
    if (!survivor) throw errors.notFound('Customer', survivorId);
    if (!merged) throw errors.notFound('Customer', mergedId);
    return [survivor, merged];
  }

  private async blockers(ctx: Ctx, survivor: Customer, merged: Customer): Promise<string[]> {
    const out: string[] = [];
    for (const c of [survivor, merged]) {
      if (c.status === 'merged') out.push(`Customer ${c.id} was already merged into ${c.mergedIntoId}`);
      if (c.status === 'erased') out.push(`Customer ${c.id} was erased`);
    }
    const accounts = (await ctx.db(T.account).whereIn('customer_id', [survivor.id, merged.id]).count({ n: '*' })) as [{ n: number | string }];
    if (Number(accounts[0].n) > 1) out.push('Both customers have an account; they must sign in with one of them before the records can be merged');
    return out;
  }

  /** The profile, group memberships, figures, suggestions and account: merged by hand. */
  private async mergeOwnRecords(ctx: Ctx, survivor: Customer, merged: Customer): Promise<void> {
    const profile: Record<string, unknown> = { updated_at: Date.now(), tags: toJson([...new Set([...survivor.tags, ...merged.tags])].sort()) };
    const mergedRow = (await ctx.db(T.customer).where('id', merged.id).first()) as CustomerRow;
    if (!survivor.firstName && merged.firstName) Object.assign(profile, { first_name: mergedRow.first_name, search_first: mergedRow.search_first });
    if (!survivor.lastName && merged.lastName) Object.assign(profile, { last_name: mergedRow.last_name, search_last: mergedRow.search_last });
    if (!survivor.locale && merged.locale) profile.locale = merged.locale;
    if (!survivor.defaultShippingAddressId && merged.defaultShippingAddressId) profile.default_shipping_address_id = merged.defaultShippingAddressId;
    if (!survivor.defaultBillingAddressId && merged.defaultBillingAddressId) profile.default_billing_address_id = merged.defaultBillingAddressId;
    await ctx.db(T.customer).where('id', survivor.id).update(profile);

    const groups = (await ctx.db(T.groupMember).where('customer_id', merged.id).select('group_id')) as { group_id: string }[];
    if (groups.length > 0) {
      await ctx.db(T.groupMember).insert(groups.map((g) => ({ customer_id: survivor.id, group_id: g.group_id }))).onConflict(['customer_id', 'group_id']).ignore();
      await ctx.db(T.groupMember).where('customer_id', merged.id).delete();
    }
    await ctx.db(T.account).where('customer_id', merged.id).update({ customer_id: survivor.id });
    await ctx.db(T.stats).where('customer_id', merged.id).delete();
    await ctx.db(T.spend).where('customer_id', merged.id).delete();
    await refreshFigures(ctx, survivor.id);

    const now = Date.now();
    const resolvedBy = ctx.actor?.id ?? null;
    const pair = (q: Knex.QueryBuilder) =>
      q.where((w) => w.where({ customer_id: survivor.id, candidate_id: merged.id }).orWhere({ customer_id: merged.id, candidate_id: survivor.id }));
    await pair(ctx.db(T.suggestion).where('status', 'open')).update({ status: 'merged', resolved_at: now, resolved_by: resolvedBy });
    await ctx.db(T.suggestion).where('customer_id', merged.id).update({ customer_id: survivor.id });
    await ctx.db(T.suggestion).where('candidate_id', merged.id).update({ candidate_id: survivor.id });
    // A suggestion that now pairs the survivor with itself is settled by this merge.
    await ctx.db(T.suggestion).whereRaw('customer_id = candidate_id').where('status', 'open').update({ status: 'merged', resolved_at: now, resolved_by: resolvedBy });
  }
}
