/** A candidate price as the resolution reads it (amounts in minor units, times in epoch ms). */
export interface PriceCandidate {
  id: string;
  amount: number;
  compareAtAmount: number | null;
  customerGroupId: string | null;
  startsAt: number | null;
  endsAt: number | null;
  minQuantity: number;
}

/** For whom and when a price is resolved. */
export interface PriceQuery {
  /** The customer's groups (none for an anonymous shopper). */
  groups: ReadonlySet<string>;
  /** The moment, in epoch ms. */
  at: number;
  /** The quantity bought (1 in listings). */
  quantity: number;
}

/** Does `price` apply to `query`: its group holds the customer, it is in force at `at`, the quantity reaches its minimum? */
export function applies(price: PriceCandidate, query: PriceQuery): boolean {
  if (price.customerGroupId !== null && !query.groups.has(price.customerGroupId)) return false;
  if (price.startsAt !== null && price.startsAt > query.at) return false;
  if (price.endsAt !== null && price.endsAt <= query.at) return false;
  return price.minQuantity <= query.quantity;
}

/**
 * Orders two applicable prices, the better one first. The most specific price wins:
 * 1. a customer-group price beats a price for everyone;
 * 2. then a dated price (it has a start and/or an end, and is in force) beats an undated one;
 * 3. then the higher minimum quantity (a tier the quantity reaches) beats a lower one;
 * 4. among equally specific prices the lowest amount wins (the customer never pays more than
 *    an equally specific price allows); the id breaks a last tie so the answer is stable.
 */
export function compareCandidates(a: PriceCandidate, b: PriceCandidate): number {
  const group = Number(b.customerGroupId !== null) - Number(a.customerGroupId !== null);
  if (group !== 0) return group;
  const dated = Number(b.startsAt !== null || b.endsAt !== null) - Number(a.startsAt !== null || a.endsAt !== null);
  if (dated !== 0) return dated;
  if (a.minQuantity !== b.minQuantity) return b.minQuantity - a.minQuantity;
  if (a.amount !== b.amount) return a.amount - b.amount;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The price that applies to `query` among `candidates` (see {@link compareCandidates}), or null. */
export function pickPrice<T extends PriceCandidate>(candidates: readonly T[], query: PriceQuery): T | null {
  let best: T | null = null;
  for (const candidate of candidates) {
    if (!applies(candidate, query)) continue;
    if (best === null || compareCandidates(candidate, best) < 0) best = candidate;
  }
  return best;
}
