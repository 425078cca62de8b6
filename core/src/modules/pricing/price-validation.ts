import type { FieldError } from '../../kernel/errors.js';
import { parseMoney, toDecimalString } from './money.js';

/** The largest amount in minor units: GraphQL's Int is 32-bit. */
export const MAX_AMOUNT = 2_147_483_647;
import { priceRowShape, toFieldErrors, type PriceInput } from './pricing.inputs.js';

/** A valid `setPrices` row, amounts in minor units of the list's currency, times in epoch ms. */
export interface ValidPrice {
  /** Its index in the input (`prices.<index>` in field errors). */
  index: number;
  id: string | null;
  variantId: string;
  amount: number;
  compareAtAmount: number | null;
  customerGroupId: string | null;
  startsAt: number | null;
  endsAt: number | null;
  minQuantity: number;
}

/** The natural key of a price within its list: no two prices share it. */
export function priceKey(p: { variantId: string; customerGroupId: string | null; startsAt: number | null; minQuantity: number }): string {
  return JSON.stringify([p.variantId, p.customerGroupId ?? '', p.startsAt ?? -1, p.minQuantity]);
}

/** Reads an amount given either in minor units or as a decimal string; adds a field error when neither or both. */
function amountOf(minor: number | null | undefined, decimal: string | null | undefined, currency: string, paths: [minorPath: string, decimalPath: string], required: boolean, fields: FieldError[]): number | null {
  const [path, decimalPath] = paths;
  const hasMinor = minor !== null && minor !== undefined;
  const hasDecimal = decimal !== null && decimal !== undefined;
  if (hasMinor && hasDecimal) {
    fields.push({ path, message: 'give the amount in minor units or as a decimal, not both' });
    return null;
  }
  if (hasDecimal) {
    const parsed = parseMoney(decimal, currency);
    if (!parsed.ok) fields.push({ path: decimalPath, message: parsed.message });
    else if (parsed.amount < 0) fields.push({ path: decimalPath, message: 'must be 0 or more' });
    else if (parsed.amount > MAX_AMOUNT) fields.push({ path: decimalPath, message: `must be at most ${toDecimalString(MAX_AMOUNT, currency)}` });
    else return parsed.amount;
    return null;
  }
  if (hasMinor) return minor;
  if (required) fields.push({ path, message: 'is required (in minor units, or as amountDecimal)' });
  return null;
}

/**
 * Validates `setPrices` rows for a list in `currency`: shapes, amounts (integers ≥ 0 in minor
 * units; decimals with at most the currency's digits), compare-at above the amount, start
 * before end, minimum quantity ≥ 1. Returns the valid rows and every field error, with paths
 * like `prices.3.amount`.
 */
export function validatePriceRows(rows: readonly PriceInput[], currency: string): { prices: ValidPrice[]; fields: FieldError[] } {
  const prices: ValidPrice[] = [];
  const fields: FieldError[] = [];
  rows.forEach((raw, index) => {
    const prefix = `prices.${index}`;
    const shape = priceRowShape.safeParse(raw);
    if (!shape.success) {
      fields.push(...toFieldErrors(shape.error.issues, prefix));
      return;
    }
    const row = shape.data;
    const before = fields.length;
    const amount = amountOf(row.amount, row.amountDecimal, currency, [`${prefix}.amount`, `${prefix}.amountDecimal`], true, fields);
    const compareAt = amountOf(row.compareAtAmount, row.compareAtDecimal, currency, [`${prefix}.compareAtAmount`, `${prefix}.compareAtDecimal`], false, fields);
    if (amount !== null && compareAt !== null && compareAt <= amount) {
      fields.push({ path: `${prefix}.compareAtAmount`, message: 'must be higher than the amount (it is the "was" price)' });
    }
    const startsAt = row.startsAt ? row.startsAt.getTime() : null;
    const endsAt = row.endsAt ? row.endsAt.getTime() : null;
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) fields.push({ path: `${prefix}.endsAt`, message: 'must be after startsAt' });
    if (fields.length > before || amount === null) return;
    prices.push({
      index,
      id: row.id ?? null,
      variantId: row.variantId,
      amount,
      compareAtAmount: compareAt,
      customerGroupId: row.customerGroupId ?? null,
      startsAt,
      endsAt,
      minQuantity: row.minQuantity ?? 1,
    });
  });
  return { prices, fields };
}
