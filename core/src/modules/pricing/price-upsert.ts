import type { Ctx } from '../../kernel/context.js';
import { PlazaError, type FieldError } from '../../kernel/errors.js';
import { epochMillis, epochMillisOrNull } from '../../db/epoch-column.js';
import { PricingTables as T } from './pricing.tables.js';
import type { PriceRow } from './pricing.records.js';
import { priceKey, type ValidPrice } from './price-validation.js';

/** What a `setPrices` call will do: rows to insert, rows to update (with their previous state). */
export interface PricePlan {
  inserts: ValidPrice[];
  updates: { next: ValidPrice & { id: string }; before: PriceRow }[];
  /** Rows already exactly as given. */
  unchanged: (ValidPrice & { id: string })[];
}

function keyOfRow(row: PriceRow): string {
  return priceKey({ variantId: row.variant_id, customerGroupId: row.customer_group_id, startsAt: epochMillisOrNull(row.starts_at), minQuantity: Number(row.min_quantity) });
}

function sameAs(row: PriceRow, p: ValidPrice): boolean {
  return (
    epochMillis(row.amount) === p.amount &&
    epochMillisOrNull(row.compare_at_amount) === p.compareAtAmount &&
    row.customer_group_id === p.customerGroupId &&
    epochMillisOrNull(row.starts_at) === p.startsAt &&
    epochMillisOrNull(row.ends_at) === p.endsAt &&
    Number(row.min_quantity) === p.minQuantity
  );
}

function duplicate(fields: FieldError[]): PlazaError {
  return new PlazaError('CONFLICT', `Two prices would have the same variant, customer group, start and minimum quantity: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, {
    reason: 'PRICE_DUPLICATE',
    fields,
  });
}

/**
 * Plans an upsert of `prices` into list `priceListId`: a row with an id updates that price; a
 * row without one updates the price with the same key (variant, customer group, start,
 * minimum quantity) or creates one. Reads the existing prices of the rows' variants in one
 * query. BAD_USER_INPUT for an id that is not a price of this list (or of another variant);
 * CONFLICT when two prices would end up with the same key.
 */
export async function planUpsert(ctx: Ctx, priceListId: string, prices: readonly ValidPrice[]): Promise<PricePlan> {
  const variantIds = [...new Set(prices.map((p) => p.variantId))];
  const ids = prices.flatMap((p) => (p.id ? [p.id] : []));
  const existing = (await ctx
    .db(T.price)
    .where('price_list_id', priceListId)
    .where((q) => {
      q.whereIn('variant_id', variantIds);
      if (ids.length > 0) q.orWhereIn('id', ids);
    })
    .select('*')) as PriceRow[];
  const byId = new Map(existing.map((row) => [row.id, row]));
  // Key → owner: the id of an existing price, or `prices.<i>` of a new row.
  const owner = new Map<string, string>(existing.map((row) => [keyOfRow(row), row.id]));
  const claimedBy = new Map<string, number>();
  const badIds: FieldError[] = [];
  const conflicts: FieldError[] = [];
  const plan: PricePlan = { inserts: [], updates: [], unchanged: [] };

  for (const price of prices) {
    const key = priceKey(price);
    const earlier = claimedBy.get(key);
    if (earlier !== undefined) {
      conflicts.push({ path: `prices.${price.index}`, message: `has the same variant, customer group, start and minimum quantity as prices.${earlier}` });
      continue;
    }
    claimedBy.set(key, price.index);
    if (price.id) {
      const row = byId.get(price.id);
      if (!row || row.variant_id !== price.variantId) {
        badIds.push({ path: `prices.${price.index}.id`, message: row ? 'is a price of another variant' : 'is not a price of this price list' });
        continue;
      }
      const holder = owner.get(key);
      if (holder !== undefined && holder !== row.id) {
        conflicts.push({ path: `prices.${price.index}`, message: `has the same variant, customer group, start and minimum quantity as the price ${holder}` });
        continue;
      }
      owner.delete(keyOfRow(row));
      owner.set(key, row.id);
      if (sameAs(row, price)) plan.unchanged.push({ ...price, id: row.id });
      else plan.updates.push({ next: { ...price, id: row.id }, before: row });
      continue;
    }
    const holder = owner.get(key);
    const row = holder ? byId.get(holder) : undefined;
    if (row && ids.includes(row.id)) {
      conflicts.push({ path: `prices.${price.index}`, message: `matches the price ${row.id}, which another row of this call changes by id` });
      continue;
    }
    if (row) {
      if (sameAs(row, price)) plan.unchanged.push({ ...price, id: row.id });
      else plan.updates.push({ next: { ...price, id: row.id }, before: row });
    } else {
      owner.set(key, `prices.${price.index}`);
      plan.inserts.push(price);
    }
  }
  if (badIds.length > 0) throw new PlazaError('BAD_USER_INPUT', `Unknown price ids: ${badIds.map((f) => f.path).join(', ')}`, { reason: 'PRICE_INPUT_INVALID', fields: badIds });
  if (conflicts.length > 0) throw duplicate(conflicts);
  return plan;
}

/** A CONFLICT for a unique-index violation that a concurrent write caused. */
export function concurrentDuplicate(cause: unknown): PlazaError {
  return new PlazaError('CONFLICT', 'Another price with the same variant, customer group, start and minimum quantity was saved at the same time; try again', {
    reason: 'PRICE_DUPLICATE',
    cause,
  });
}
