import { z } from 'zod';
import { toFieldErrors } from '../../kernel/field-errors.js';
export { toFieldErrors };
import { PlazaError, type FieldError } from '../../kernel/errors.js';
import { isCurrency } from './money.js';
import type { PriceListStatus } from './pricing.records.js';

const code = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "spain-retail" (letters, digits and single hyphens)');
const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const status = z.enum(['active', 'archived'] satisfies PriceListStatus[], 'must be ACTIVE or ARCHIVED');
const currency = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCurrency, 'must be an ISO 4217 currency code such as EUR');

/** Input of `PriceListService.create`. */
export const createPriceListInput = z.object({ code, name, currency, status: status.nullish() });
/** Input of `PriceListService.create`. */
export type CreatePriceListInput = z.input<typeof createPriceListInput>;

/** Input of `PriceListService.update`: fields left out keep their value; the currency never changes. */
export const updatePriceListInput = z.object({
  id: z.string().min(1, 'is required'),
  code: code.nullish(),
  name: name.nullish(),
  status: status.nullish(),
});
/** Input of `PriceListService.update`. */
export type UpdatePriceListInput = z.input<typeof updatePriceListInput>;

/** One row of `setPrices`, as sent (amounts in minor units, or as decimal strings in major units). */
export interface PriceInput {
  /** Update this price; without it the row is matched by its key (variant, group, start, minimum quantity) or created. */
  id?: string | null;
  variantId: string;
  /** Integer amount in minor units (1234 = 12.34 EUR). Give this or `amountDecimal`. */
  amount?: number | null;
  /** Amount as a decimal string in major units ("12.34"). */
  amountDecimal?: string | null;
  compareAtAmount?: number | null;
  compareAtDecimal?: string | null;
  customerGroupId?: string | null;
  startsAt?: Date | string | null;
  endsAt?: Date | string | null;
  minQuantity?: number | null;
}

/** The most rows one `setPrices` call takes. */
export const MAX_PRICES_PER_CALL = 1000;

/** Row shape checks of `setPrices` before the amounts are read in the list's currency. */
export const priceRowShape = z.object({
  id: z.string().min(1).nullish(),
  variantId: z.string().trim().min(1, 'is required'),
  amount: z.number().int('must be an integer in minor units').min(0, 'must be 0 or more').nullish(),
  amountDecimal: z.string().nullish(),
  compareAtAmount: z.number().int('must be an integer in minor units').min(0, 'must be 0 or more').nullish(),
  compareAtDecimal: z.string().nullish(),
  customerGroupId: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters').nullish(),
  startsAt: z.coerce.date('must be a date-time').nullish(),
  endsAt: z.coerce.date('must be a date-time').nullish(),
  minQuantity: z.number().int('must be an integer').min(1, 'must be 1 or more').nullish(),
});


/** BAD_USER_INPUT naming every field problem. */
export function invalidInput(what: string, fields: FieldError[], reason: string): PlazaError {
  const shown = fields.slice(0, 10).map((f) => `${f.path} ${f.message}`);
  if (fields.length > shown.length) shown.push(`and ${fields.length - shown.length} more`);
  return new PlazaError('BAD_USER_INPUT', `The ${what} is invalid: ${shown.join('; ')}`, { fields, reason });
}

/** Parses an input; its data, or throws BAD_USER_INPUT with every field problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string, reason: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(what, toFieldErrors(result.error.issues), reason);
  return result.data;
}
