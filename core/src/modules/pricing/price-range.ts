import type { Ctx } from '../../kernel/context.js';
import type { Money } from './money.js';
import type { VariantPrice } from './variant-price.resolver.js';

/** The variant ids of a product, as the catalog gives them (batched per request). */
export type VariantIdsOfProducts = (ctx: Ctx, productId: string) => Promise<readonly string[]>;

/** A product's lowest and highest variant price. */
export interface PriceRange {
  min: Money;
  max: Money;
  includesTax: boolean;
}

/** The range over the priced variants (errors and unpriced variants are left out); null when none is priced. */
export function priceRange(prices: readonly (VariantPrice | null | Error)[]): PriceRange | null {
  let min: VariantPrice | null = null;
  let max: VariantPrice | null = null;
  for (const price of prices) {
    if (!price || price instanceof Error) continue;
    if (!min || price.amount < min.amount) min = price;
    if (!max || price.amount > max.amount) max = price;
  }
  if (!min || !max) return null;
  return { min: { amount: min.amount, currency: min.currency }, max: { amount: max.amount, currency: max.currency }, includesTax: min.includesTax };
}
