/**
 * The shipping engine: pure, no database. Given the zones (with their methods and rates) and a
 * cart's destination, platform, currency, subtotal and weight, it answers the methods on offer
 * with their price and delivery estimate.
 *
 * Contract:
 * - the destination's zone is its most specific zone (see ../tax/zone-match.ts); only that
 *   zone's methods are offered;
 * - a method is offered when it is active, offered on the platform (no platforms listed: all),
 *   has rates in the currency, and (for bands) a band contains the value;
 * - FLAT: one rate per currency; WEIGHT: bands on `weightGrams`; SUBTOTAL: bands on `subtotal`
 *   (minor units). Band bounds are **inclusive** integers (`min` ≤ value ≤ `max`, `max` null =
 *   no upper bound); free shipping above X is a band from X with amount 0. A value no band
 *   contains (e.g. heavier than the last band) means the method is not offered;
 * - results are sorted by price, then by the method's position; amounts are minor units.
 */
import { matchZone, type Destination, type ZoneMember } from '../tax/zone-match.js';

/** How a method is priced. */
export const RATE_TYPES = ['flat', 'weight', 'subtotal'] as const;
/** A rate type. */
export type RateType = (typeof RATE_TYPES)[number];

/** One price of a method in a currency, for values from `min` to `max` (inclusive; bands only). */
export interface ShippingRate {
  currency: string;
  /** Lower bound (inclusive): grams (WEIGHT) or minor units (SUBTOTAL); 0 for FLAT. */
  min: number;
  /** Upper bound (inclusive); null: no upper bound. */
  max: number | null;
  /** Price in minor units. */
  amount: number;
}

/** A shipping method of a zone. */
export interface ShippingMethod {
  id: string;
  zoneId: string;
  code: string;
  name: string;
  carrier: string | null;
  minDays: number;
  maxDays: number;
  active: boolean;
  /** Platforms it is offered on; empty: every platform. */
  platformIds: string[];
  rateType: RateType;
  rates: ShippingRate[];
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A shipping zone with its methods. */
export interface ShippingZone {
  id: string;
  code: string;
  name: string;
  members: ZoneMember[];
  methods: ShippingMethod[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a cart asks. */
export interface QuoteInput {
  platformId: string;
  currency: string;
  destination: Destination;
  /** Goods subtotal in minor units (what SUBTOTAL bands look at). */
  subtotal: number;
  /** Total weight of the goods in grams (what WEIGHT bands look at). */
  weightGrams: number;
}

/** One method on offer. */
export interface ShippingQuote {
  methodId: string;
  zoneId: string;
  code: string;
  name: string;
  carrier: string | null;
  /** Price in minor units of `currency`. */
  amount: number;
  currency: string;
  estimate: { minDays: number; maxDays: number };
}

/** The rate of `method` for the value it looks at, or null when none applies. */
export function rateFor(method: ShippingMethod, currency: string, subtotal: number, weightGrams: number): ShippingRate | null {
  const rates = method.rates.filter((r) => r.currency === currency);
  if (method.rateType === 'flat') return rates[0] ?? null;
  const value = method.rateType === 'weight' ? weightGrams : subtotal;
  return rates.find((r) => r.min <= value && (r.max === null || value <= r.max)) ?? null;
}

/** The methods on offer for a cart, cheapest first. */
export function quoteShipping(zones: readonly ShippingZone[], input: QuoteInput): { zone: ShippingZone | null; quotes: ShippingQuote[] } {
  const zone = matchZone(zones, input.destination);
  if (!zone) return { zone: null, quotes: [] };
  const currency = input.currency.toUpperCase();
  const quotes: (ShippingQuote & { position: number })[] = [];
  for (const method of zone.methods) {
    if (!method.active) continue;
    if (method.platformIds.length > 0 && !method.platformIds.includes(input.platformId)) continue;
    const rate = rateFor(method, currency, input.subtotal, input.weightGrams);
    if (!rate) continue;
    quotes.push({
      methodId: method.id,
      zoneId: zone.id,
      code: method.code,
      name: method.name,
      carrier: method.carrier,
      amount: rate.amount,
      currency,
      estimate: { minDays: method.minDays, maxDays: method.maxDays },
      position: method.position,
    });
  }
  quotes.sort((a, b) => a.amount - b.amount || a.position - b.position);
  return { zone, quotes: quotes.map(({ position: _position, ...q }) => q) };
}
