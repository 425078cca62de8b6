/**
 * The tax engine: pure arithmetic, no database. Carts call it (through {@link TaxService.compute}
 * or directly with rates they resolved) to turn line amounts into net, tax and gross.
 *
 * Contract:
 * - every amount is an integer in the currency's minor unit; rates are basis points (2100 = 21 %);
 * - tax is computed and **rounded per line**, half away from zero ("half-up" for positive
 *   amounts), in exact integer arithmetic (BigInt; no floating point);
 * - inclusive prices: gross = amount, tax = round(amount × r / (10000 + r)), net = gross − tax;
 *   exclusive prices: net = amount, tax = round(amount × r / 10000), gross = net + tax;
 * - totals and the per-rate breakdown are sums of the rounded lines, so they always add up:
 *   Σ line.gross = totals.gross, totals.net + totals.tax = totals.gross, Σ breakdown = totals.
 */

/** Tax categories a product variant carries (default `standard`). */
export const TAX_CATEGORIES = ['standard', 'reduced', 'super_reduced', 'zero'] as const;
/** A tax category. */
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** Largest rate accepted: 100 % (10000 bp). */
export const MAX_RATE_BP = 10_000;

/** One line to tax: its total (unit price × quantity, after line discounts) in minor units. */
export interface TaxLineInput {
  /** The caller's key for the line (echoed back). */
  key: string;
  /** The line total in minor units, as priced (inclusive or exclusive of tax). */
  amount: number;
  quantity: number;
  /** Default `standard`. */
  taxCategory?: TaxCategory | null;
}

/** The rate that applies to a category (from the destination's zone). */
export interface AppliedRate {
  category: TaxCategory;
  /** Basis points: 2100 = 21 %. */
  rateBp: number;
  /** Label for receipts, e.g. "IVA 21 %". */
  name: string;
}

/** One taxed line. */
export interface TaxedLine {
  key: string;
  quantity: number;
  taxCategory: TaxCategory;
  rateBp: number;
  net: number;
  tax: number;
  gross: number;
}

/** Net and tax of every line taxed at one (category, rate). */
export interface TaxBreakdownRow {
  category: TaxCategory;
  rateBp: number;
  name: string;
  net: number;
  tax: number;
  gross: number;
}

/** The engine's answer. */
export interface TaxResult {
  currency: string;
  pricesIncludeTax: boolean;
  lines: TaxedLine[];
  breakdown: TaxBreakdownRow[];
  totals: { net: number; tax: number; gross: number };
}

/** Engine input: lines, how they are priced, and the rate of every category. */
export interface EngineInput {
  lines: readonly TaxLineInput[];
  pricesIncludeTax: boolean;
  currency: string;
  /** The rate of each category; a category left out is taxed at 0 (no rate: no tax). */
  rates: Partial<Record<TaxCategory, AppliedRate>>;
}

/** `num / den` rounded half away from zero; `den` > 0. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return negative ? -q : q;
}

/** The tax of one amount at `rateBp`, inclusive or exclusive; exact integers. */
export function taxOfAmount(amount: number, rateBp: number, inclusive: boolean): { net: number; tax: number; gross: number } {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer in minor units (got ${amount})`);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > MAX_RATE_BP) throw new RangeError(`rate must be 0…${MAX_RATE_BP} basis points (got ${rateBp})`);
  const a = BigInt(amount);
  const r = BigInt(rateBp);
  if (inclusive) {
    const tax = Number(divRoundHalfUp(a * r, 10_000n + r));
    return { net: amount - tax, tax, gross: amount };
  }
  const tax = divRoundHalfUp(a * r, 10_000n);
  const gross = a + tax;
  if (gross > BigInt(Number.MAX_SAFE_INTEGER) || gross < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`gross of ${amount} is beyond the safe integer range`);
  return { net: amount, tax: Number(tax), gross: Number(gross) };
}

/** Taxes every line (rounded per line) and sums totals and breakdown from the rounded lines. */
export function computeTax(input: EngineInput): TaxResult {
  const lines: TaxedLine[] = [];
  const groups = new Map<string, TaxBreakdownRow>();
  const totals = { net: 0, tax: 0, gross: 0 };
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 0) throw new RangeError(`quantity of line ${line.key} must be a whole number ≥ 0`);
    const category = line.taxCategory ?? 'standard';
    const rate = input.rates[category];
    const rateBp = rate?.rateBp ?? 0;
    const { net, tax, gross } = taxOfAmount(line.amount, rateBp, input.pricesIncludeTax);
    lines.push({ key: line.key, quantity: line.quantity, taxCategory: category, rateBp, net, tax, gross });
    const groupKey = `${category}:${rateBp}`;
    let row = groups.get(groupKey);
    if (!row) {
      row = { category, rateBp, name: rate?.name ?? '', net: 0, tax: 0, gross: 0 };
      groups.set(groupKey, row);
    }
    row.net += net;
    row.tax += tax;
    row.gross += gross;
    totals.net += net;
    totals.tax += tax;
    totals.gross += gross;
  }
  const breakdown = [...groups.values()].sort((a, b) => b.rateBp - a.rateBp || a.category.localeCompare(b.category));
  return { currency: input.currency, pricesIncludeTax: input.pricesIncludeTax, lines, breakdown, totals };
}
