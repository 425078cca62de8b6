import { z } from 'zod';
import { errors } from '../../kernel/errors.js';
import type { StockReference } from './inventory.records.js';

const id = z.string().min(1).max(64);
const reference = z.object({ type: z.string().min(1).max(32), id: z.string().min(1).max(64) });

/** One (variant, location, quantity) line. */
export const stockLineSchema = z.object({ variantId: id, locationId: id, quantity: z.number().int().positive().max(1_000_000) });
/** A line of a stock request. */
export type StockLineInput = z.infer<typeof stockLineSchema>;

/** Input of `reserve`. */
export const reserveSchema = z.object({
  lines: z.array(stockLineSchema).min(1).max(200),
  reference,
  /** When the hold ends unless committed. Null (default with no ttl): until released or committed. */
  expiresAt: z.coerce.date().nullish(),
  ttlSeconds: z.number().int().positive().max(30 * 86_400).nullish(),
  /** The platform reserving (default: the request's platform); its safety stock applies. */
  platformId: id.nullish(),
  idempotencyKey: z.string().nullish(),
});
/** Input of `reserve`. */
export type ReserveInput = z.input<typeof reserveSchema>;

/** Which reservations to commit or release: by ids, or every active one of a reference. */
export const reservationSelectorSchema = z
  .object({ reservationIds: z.array(id).min(1).max(200).nullish(), reference: reference.nullish(), idempotencyKey: z.string().nullish() })
  .refine((v) => Boolean(v.reservationIds?.length) !== Boolean(v.reference), { message: 'give reservationIds or reference (one of them)', path: ['reservationIds'] });
/** Input of `commit` and `release`. */
export type ReservationSelector = z.input<typeof reservationSelectorSchema>;

/** Input of `sell`: units leaving as a sale without a prior reservation (POS). */
export const sellSchema = z.object({
  lines: z.array(stockLineSchema).min(1).max(200),
  reference: reference.nullish(),
  platformId: id.nullish(),
  /** A POS syncing sales made offline: the sale happened, record it even below zero. */
  allowNegative: z.boolean().nullish(),
  idempotencyKey: z.string().nullish(),
});
/** Input of `sell`. */
export type SellInput = z.input<typeof sellSchema>;

const reason = z.string().trim().min(1).max(500);

/** Input of `receive`. */
export const receiveSchema = z.object({ variantId: id, locationId: id, quantity: z.number().int().positive().max(1_000_000), reason: reason.nullish(), reference: reference.nullish(), idempotencyKey: z.string().nullish() });
/** Input of `receive`. */
export type ReceiveInput = z.input<typeof receiveSchema>;

/** Input of `adjust`: a signed correction (adjustment) or a write-off (damage, negative). */
export const adjustSchema = z
  .object({ variantId: id, locationId: id, delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'must not be 0'), kind: z.enum(['adjustment', 'damage']).default('adjustment'), reason, idempotencyKey: z.string().nullish() })
  .refine((v) => v.kind !== 'damage' || v.delta < 0, { message: 'damage removes stock: delta must be negative', path: ['delta'] });
/** Input of `adjust`. */
export type AdjustInput = z.input<typeof adjustSchema>;

/** Input of `count`: the quantity counted on the shelf. */
export const countSchema = z.object({ variantId: id, locationId: id, countedQuantity: z.number().int().min(0).max(10_000_000), reason: reason.nullish(), idempotencyKey: z.string().nullish() });
/** Input of `count`. */
export type CountInput = z.input<typeof countSchema>;

/** Input of `setLowStockThreshold` (null clears it). */
export const thresholdSchema = z.object({ variantId: id, locationId: id, threshold: z.number().int().min(0).max(10_000_000).nullable() });
/** Input of `setLowStockThreshold`. */
export type ThresholdInput = z.input<typeof thresholdSchema>;

/** Parses `input` with `schema`; problems become one BAD_USER_INPUT with a field per problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.') || 'input', message: issue.message }));
  throw errors.badInput(`Invalid input: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields, 'INVENTORY_INPUT_INVALID');
}

/** Sums the quantities of lines naming the same (variant, location) and sorts them (a fixed lock order). */
export function mergeLines(lines: readonly StockLineInput[]): StockLineInput[] {
  const merged = new Map<string, StockLineInput>();
  for (const line of lines) {
    const key = `${line.variantId}\u0000${line.locationId}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, quantity: seen.quantity + line.quantity } : { ...line });
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, line]) => line);
}

/** A reference as stored (or null). */
export function refOrNull(ref: { type: string; id: string } | null | undefined): StockReference | null {
  return ref ? { type: ref.type, id: ref.id } : null;
}
