import type { TaxLineInput, TaxResult } from '../tax/tax-engine.js';
import type { CartAdjustment, CartLine, CartTaxLine } from './cart.records.js';

/** The key of the shipping charge among the taxed lines. */
export const SHIPPING_KEY = '__shipping';

/** The computed totals of a cart. Σ line totals + shippingTotal = total, always. */
export interface CartTotals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  shippingTax: number;
  total: number;
  itemCount: number;
  taxLines: CartTaxLine[];
}

/**
 * Spreads `amount` over `weights` in proportion (largest remainder): the parts are whole
 * numbers that add up to `amount` exactly, and no part exceeds its weight when amount ≤ Σ weights.
 */
export function spread(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || amount <= 0) return weights.map(() => 0);
  const take = Math.min(amount, total);
  const exact = weights.map((w) => (BigInt(w) * BigInt(take)));
  const parts = exact.map((e) => Number(e / BigInt(total)));
  const remainders = exact.map((e, i) => ({ i, r: Number(e % BigInt(total)) }));
  let left = take - parts.reduce((s, p) => s + p, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Applies adjustments to the lines' discounts (line ones first, capped at the line amount;
 * then order-level ones spread proportionally over what is left). Mutates `lines` and
 * returns the adjustments as they were applied (amounts capped).
 */
export function applyAdjustments(lines: CartLine[], adjustments: readonly CartAdjustment[]): CartAdjustment[] {
  const applied: CartAdjustment[] = [];
  for (const line of lines) line.discount = 0;
  for (const adj of adjustments.filter((a) => a.lineKey !== null)) {
    const line = lines.find((l) => l.id === adj.lineKey);
    if (!line || adj.amount <= 0) continue;
    const room = line.unitPrice * line.quantity - line.discount;
    const amount = Math.min(Math.trunc(adj.amount), room);
    line.discount += amount;
    applied.push({ ...adj, amount });
  }
  for (const adj of adjustments.filter((a) => a.lineKey === null)) {
    if (adj.amount <= 0) continue;
    const rooms = lines.map((l) => l.unitPrice * l.quantity - l.discount);
    const parts = spread(Math.trunc(adj.amount), rooms);
    lines.forEach((l, i) => (l.discount += parts[i]!));
    applied.push({ ...adj, amount: parts.reduce((s, p) => s + p, 0) });
  }
  return applied;
}

/** The tax lines to send to the tax service: each cart line after discounts, and shipping. */
export function taxInputs(lines: readonly CartLine[], shippingPrice: number): TaxLineInput[] {
  const inputs: TaxLineInput[] = lines.map((l) => ({ key: l.id, amount: l.unitPrice * l.quantity - l.discount, quantity: l.quantity, taxCategory: l.taxCategory }));
  if (shippingPrice > 0) inputs.push({ key: SHIPPING_KEY, amount: shippingPrice, quantity: 1, taxCategory: 'standard' });
  return inputs;
}

/** Writes the tax result onto the lines and sums the cart's totals from the rounded lines. */
export function totalsFrom(lines: CartLine[], tax: TaxResult): CartTotals {
  const byKey = new Map(tax.lines.map((l) => [l.key, l]));
  let subtotal = 0;
  let discountTotal = 0;
  let itemCount = 0;
  let lineTotal = 0;
  for (const line of lines) {
    const taxed = byKey.get(line.id);
    line.taxRateBp = taxed?.rateBp ?? 0;
    line.net = taxed?.net ?? 0;
    line.tax = taxed?.tax ?? 0;
    line.total = taxed?.gross ?? 0;
    subtotal += line.unitPrice * line.quantity;
    discountTotal += line.discount;
    itemCount += line.quantity;
    lineTotal += line.total;
  }
  const shipping = byKey.get(SHIPPING_KEY);
  const shippingTotal = shipping?.gross ?? 0;
  return {
    subtotal,
    discountTotal,
    taxTotal: tax.totals.tax,
    shippingTotal,
    shippingTax: shipping?.tax ?? 0,
    total: lineTotal + shippingTotal,
    itemCount,
    taxLines: tax.breakdown.filter((b) => b.gross !== 0 || b.tax !== 0).map((b) => ({ category: b.category, name: b.name, rateBp: b.rateBp, net: b.net, tax: b.tax })),
  };
}
