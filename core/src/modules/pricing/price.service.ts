import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, type FieldError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import type { Connection } from '../../gateway/connection.js';
import { CatalogService } from '../catalog/index.js';
import { listPrices, pricesOfVariant, type PriceListArgs } from './price-query.js';
import { concurrentDuplicate, planUpsert } from './price-upsert.js';
import { validatePriceRows, type ValidPrice } from './price-validation.js';
import { loadPriceList, requireListManage } from './pricing-access.js';
import { invalidInput, MAX_PRICES_PER_CALL, type PriceInput } from './pricing.inputs.js';
import { PricingPermission as P } from './pricing.permissions.js';
import { priceSummary, toPrice, type Price, type PriceRow } from './pricing.records.js';
import { PricingTables as T } from './pricing.tables.js';
import { PricingTokens } from './pricing.tokens.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

/** The most price summaries one audit entry keeps. */
const AUDIT_PRICES = 100;

function columns(p: ValidPrice): Omit<PriceRow, 'id' | 'price_list_id' | 'created_at' | 'updated_at'> {
  return {
    variant_id: p.variantId,
    amount: p.amount,
    compare_at_amount: p.compareAtAmount,
    customer_group_id: p.customerGroupId,
    starts_at: p.startsAt,
    ends_at: p.endsAt,
    min_quantity: p.minQuantity,
  };
}

/**
 * Prices of price lists: list them, upsert many at once (`setPrices`: one transaction, all or
 * nothing), delete one. Writes need `pricing.manage` on every platform linked to the list.
 */
@injectable()
export class PriceService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(PricingTokens.Audit) private readonly audit: AuditLog,
    @inject(CatalogService) private readonly catalog: CatalogService,
  ) {}

  /** A page of a list's prices (filters: variant, group, in force at a time). */
  async list(ctx: Ctx, priceListId: string, args: PriceListArgs): Promise<Connection<Price>> {
    requirePermission(ctx, P.Read);
    const list = await loadPriceList(ctx, priceListId);
    return listPrices(ctx, list, args);
  }

  /** Every price of a variant, in every list (or one list). */
  async ofVariant(ctx: Ctx, variantId: string, priceListId?: string | null): Promise<Price[]> {
    requirePermission(ctx, P.Read);
    return pricesOfVariant(ctx, variantId, priceListId ?? null);
  }

  /**
   * Creates or updates prices of a list in one transaction: all rows are saved, or none.
   * Field errors name the row (`prices.3.amount`); two rows with the same key are a CONFLICT.
   * Returns the saved prices in input order.
   */
  async setPrices(ctx: Ctx, priceListId: string, rows: readonly PriceInput[]): Promise<Price[]> {
    requirePermission(ctx, P.Manage);
    if (!Array.isArray(rows) || rows.length === 0) throw invalidInput('prices input', [{ path: 'prices', message: 'must hold at least one price' }], 'PRICE_INPUT_INVALID');
    if (rows.length > MAX_PRICES_PER_CALL) throw invalidInput('prices input', [{ path: 'prices', message: `must hold at most ${MAX_PRICES_PER_CALL} prices per call` }], 'PRICE_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const list = await loadPriceList(trx, priceListId);
      const platformIds = await requireListManage(trx, priceListId);
      const { prices, fields } = validatePriceRows(rows, list.currency);
      fields.push(...(await this.unknownVariants(trx, prices)));
      if (fields.length > 0) throw invalidInput('prices input', fields, 'PRICE_INPUT_INVALID');
      const plan = await planUpsert(trx, priceListId, prices);
      const now = Date.now();
      const ids = new Map<number, string>();
      try {
        for (const { next } of plan.updates) {
          await trx.db(T.price).where('id', next.id).update({ ...columns(next), updated_at: now });
          ids.set(next.index, next.id);
        }
        const inserts = plan.inserts.map((p) => ({ id: newId('prc'), price_list_id: priceListId, ...columns(p), created_at: now, updated_at: now }));
        plan.inserts.forEach((p, i) => ids.set(p.index, inserts[i]!.id));
        // Chunked: SQLite allows a limited number of bound parameters per statement.
        for (let i = 0; i < inserts.length; i += 200) await trx.db(T.price).insert(inserts.slice(i, i + 200));
      } catch (error) {
        if (isUniqueViolation(error)) throw concurrentDuplicate(error);
        throw error;
      }
      for (const p of plan.unchanged) ids.set(p.index, p.id);
      const saved = await this.loadMany(trx, [...ids.values()], list.currency);
      const result = prices.map((p) => saved.get(ids.get(p.index)!)!);
      const changed = [...plan.updates.map((u) => u.next.index), ...plan.inserts.map((p) => p.index)];
      if (changed.length > 0) {
        const changedPrices = result.filter((_, i) => changed.includes(prices[i]!.index));
        await this.audit.record(trx, {
          action: 'prices.set',
          entityType: 'price_list',
          entityId: priceListId,
          platformId: platformIds.length === 1 ? platformIds[0] : null,
          before: plan.updates.length > 0 ? { prices: plan.updates.slice(0, AUDIT_PRICES).map((u) => priceSummary(toPrice(u.before, list.currency))) } : null,
          after: { created: plan.inserts.length, updated: plan.updates.length, prices: changedPrices.slice(0, AUDIT_PRICES).map(priceSummary) },
        });
        await this.events.publish(trx, 'prices.changed', {
          priceListId,
          variantIds: [...new Set(changedPrices.map((p) => p.variantId))],
          created: plan.inserts.length,
          updated: plan.updates.length,
          deleted: 0,
        });
      }
      return result;
    });
  }

  /** Deletes one price. */
  async delete(ctx: Ctx, id: string): Promise<string> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const row = (await trx.db(T.price).where('id', id).first()) as PriceRow | undefined;
      if (!row) throw errors.notFound('Price', id);
      const list = await loadPriceList(trx, row.price_list_id);
      const platformIds = await requireListManage(trx, list.id);
      await trx.db(T.price).where('id', id).delete();
      await this.audit.record(trx, {
        action: 'price.deleted',
        entityType: 'price_list',
        entityId: list.id,
        platformId: platformIds.length === 1 ? platformIds[0] : null,
        before: { id, ...priceSummary(toPrice(row, list.currency)) },
        after: null,
      });
      await this.events.publish(trx, 'prices.changed', { priceListId: list.id, variantIds: [row.variant_id], created: 0, updated: 0, deleted: 1 });
      return id;
    });
  }

  private async loadMany(ctx: Ctx, ids: string[], currency: string): Promise<Map<string, Price>> {
    const map = new Map<string, Price>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = (await ctx.db(T.price).whereIn('id', ids.slice(i, i + 500)).select('*')) as PriceRow[];
      for (const row of rows) map.set(row.id, toPrice(row, currency));
    }
    return map;
  }

  /** Field errors for rows whose variant does not exist (one query). */
  private async unknownVariants(ctx: Ctx, prices: readonly ValidPrice[]): Promise<FieldError[]> {
    const wanted = [...new Set(prices.map((p) => p.variantId))];
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += 500) {
      for (const variant of await this.catalog.variantsByIds(ctx, wanted.slice(i, i + 500))) if (variant) found.add(variant.id);
    }
    return prices.filter((p) => !found.has(p.variantId)).map((p) => ({ path: `prices.${p.index}.variantId`, message: 'is not a product variant' }));
  }
}

