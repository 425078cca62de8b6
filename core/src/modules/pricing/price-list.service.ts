import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import type { Connection } from '../../gateway/connection.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { PlatformPricingCache } from './platform-pricing.cache.js';
import { listPriceLists, type PriceListListArgs } from './price-list-query.js';
import { linkedPlatformIdsBatched, loadPriceList, requireListManage } from './pricing-access.js';
import { createPriceListInput, parseInput, updatePriceListInput, type CreatePriceListInput, type UpdatePriceListInput } from './pricing.inputs.js';
import { PricingPermission as P } from './pricing.permissions.js';
import { priceListSummary, type PriceList, type PriceListRow } from './pricing.records.js';
import { PricingTables as T } from './pricing.tables.js';
import { PricingTokens } from './pricing.tokens.js';

function codeTaken(code: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The code "${code}" is already used by another price list`, {
    reason: 'PRICE_LIST_CODE_TAKEN',
    fields: [{ path: 'code', message: 'is already used by another price list' }],
    cause,
  });
}

/**
 * Price lists: read (`pricing.read`), create, edit, delete (`pricing.manage` on every
 * platform the list is linked to). A list's currency is fixed when it is created. Every write
 * is audited and published in its transaction.
 */
@injectable()
export class PriceListService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(PricingTokens.Audit) private readonly audit: AuditLog,
    @inject(PlatformPricingCache) private readonly cache: PlatformPricingCache,
  ) {}

  /** One price list. */
  async get(ctx: Ctx, id: string): Promise<PriceList> {
    requirePermission(ctx, P.Read);
    return loadPriceList(ctx, id);
  }

  /** A page of price lists, newest first. */
  async list(ctx: Ctx, args: PriceListListArgs): Promise<Connection<PriceList>> {
    requirePermission(ctx, P.Read);
    return listPriceLists(ctx, args);
  }

  /** The platforms that sell with this list. */
  async platformIds(ctx: Ctx, id: string): Promise<string[]> {
    requirePermission(ctx, P.Read);
    return linkedPlatformIdsBatched(ctx, id);
  }

  /** Creates a price list (ACTIVE unless said otherwise). */
  async create(ctx: Ctx, input: CreatePriceListInput): Promise<PriceList> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(createPriceListInput, input, 'price list input', 'PRICE_LIST_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.priceList).where('code', data.code).first('id')) throw codeTaken(data.code);
      const now = Date.now();
      const row: PriceListRow = { id: newId('prl'), code: data.code, name: data.name, currency: data.currency, status: data.status ?? 'active', created_at: now, updated_at: now };
      try {
        await trx.db(T.priceList).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(data.code, error);
        throw error;
      }
      const list = await loadPriceList(trx, row.id);
      await this.audit.record(trx, { action: 'price_list.created', entityType: 'price_list', entityId: row.id, before: null, after: priceListSummary(list) });
      await this.events.publish(trx, 'price_list.created', { priceListId: row.id, code: row.code, currency: row.currency });
      return list;
    });
  }

  /** Edits a list's code, name or status; fields left out keep their value. */
  async update(ctx: Ctx, input: UpdatePriceListInput): Promise<PriceList> {
    const data = parseInput(updatePriceListInput, input, 'price list input', 'PRICE_LIST_INPUT_INVALID');
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const before = await loadPriceList(trx, data.id);
      await requireListManage(trx, data.id);
      const changes: Partial<Pick<PriceListRow, 'code' | 'name' | 'status'>> = {};
      for (const key of ['code', 'name', 'status'] as const) {
        const value = data[key];
        if (value !== null && value !== undefined && value !== before[key]) Object.assign(changes, { [key]: value });
      }
      const changed = Object.keys(changes);
      if (changed.length === 0) return before;
      if (changes.code && (await trx.db(T.priceList).where('code', changes.code).whereNot('id', data.id).first('id'))) throw codeTaken(changes.code);
      try {
        await trx.db(T.priceList).where('id', data.id).update({ ...changes, updated_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error) && changes.code) throw codeTaken(changes.code, error);
        throw error;
      }
      const after = await loadPriceList(trx, data.id);
      await this.audit.record(trx, { action: 'price_list.updated', entityType: 'price_list', entityId: data.id, before: priceListSummary(before), after: priceListSummary(after) });
      await this.events.publish(trx, 'price_list.updated', { priceListId: data.id, code: after.code, changed });
      if (changes.status) afterCommit(trx.db, () => this.cache.invalidate());
      return after;
    });
  }

  /** Deletes a list and its prices. CONFLICT while a platform sells with it. */
  async delete(ctx: Ctx, id: string): Promise<string> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const before = await loadPriceList(trx, id);
      const platformIds = await requireListManage(trx, id);
      if (platformIds.length > 0) {
        throw errors.conflict(`The price list "${before.name}" is used by ${platformIds.length} platform(s); link them to another list first`, 'PRICE_LIST_IN_USE');
      }
      await trx.db(T.price).where('price_list_id', id).delete();
      await trx.db(T.priceList).where('id', id).delete();
      await this.audit.record(trx, { action: 'price_list.deleted', entityType: 'price_list', entityId: id, before: priceListSummary(before), after: null });
      await this.events.publish(trx, 'price_list.deleted', { priceListId: id, code: before.code });
      return id;
    });
  }
}
