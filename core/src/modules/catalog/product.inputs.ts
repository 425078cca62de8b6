import { z } from 'zod';
import { TAX_CATEGORIES } from '../tax/tax-engine.js';
import { toFieldErrors } from '../../kernel/field-errors.js';
export { toFieldErrors };
import type { FieldError } from '../../kernel/errors.js';
import { PlazaError } from '../../kernel/errors.js';

/** Is `value` one BCP 47 language tag? */
export function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** Is `value` an absolute http(s) URL? */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A URL slug: lowercase letters, digits and single hyphens. */
export const handleSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "linen-shirt" (letters, digits and single hyphens)');

/*
 * The product schemas check types and list sizes only; content rules (slugs, lengths, URLs,
 * locales, SKUs) are checked by `checkDraft` together with options, GTINs and attributes, so
 * one answer reports every problem of a product at once (what a CSV import row needs).
 */
const optionInput = z.object({ name: z.string(), values: z.array(z.string()).max(100, 'must have at most 100 values') });

/** One variant of a product input. */
export const variantInputSchema = z.object({
  /** Keeps the variant's id on update (matched by SKU when absent). */
  id: z.string().nullish(),
  sku: z.string(),
  gtin: z.string().nullish(),
  title: z.string().nullish(),
  optionValues: z.record(z.string(), z.string()).nullish(),
  attributes: z.unknown().optional(),
  weightGrams: z.number().int('must be a whole number').min(0, 'must not be negative').max(10_000_000, 'is too large').nullish(),
  taxCategory: z.enum(TAX_CATEGORIES, 'must be standard, reduced, super_reduced or zero').nullish(),
  status: z.enum(['active', 'archived']).nullish(),
});

const mediaInput = z.object({ url: z.string(), alt: z.string().nullish() });
const translationInput = z.object({ locale: z.string(), title: z.string(), description: z.string().nullish() });

/** Fields of a product that create, update and upsert share. */
export const productFieldsSchema = z.object({
  handle: z.string(),
  title: z.string(),
  description: z.string().nullish(),
  brand: z.string().nullish(),
  status: z.enum(['draft', 'active', 'archived']).nullish(),
  attributes: z.unknown().optional(),
  options: z.array(optionInput).max(10, 'must have at most 10 options').nullish(),
  categoryIds: z.array(z.string()).max(100, 'must have at most 100 categories').nullish(),
  /** Categories by handle path, e.g. "clothing/tops" (the last handle names the category). */
  categoryPaths: z.array(z.string()).max(100, 'must have at most 100 categories').nullish(),
  media: z.array(mediaInput).max(100, 'must have at most 100 items').nullish(),
  translations: z.array(translationInput).max(100, 'must have at most 100 translations').nullish(),
});

/** A product with its variants: what `createProduct` and `upsertProductByHandle` take. */
export const productInputSchema = productFieldsSchema.extend({
  variants: z.array(variantInputSchema).max(1000, 'must have at most 1000 variants').nullish(),
});

/** Input of `createProduct` / `upsertProductByHandle`. */
export type ProductInput = z.input<typeof productInputSchema>;
/** One variant in a product input. */
export type VariantInput = z.input<typeof variantInputSchema>;

/** Input of `updateProduct`: fields left out keep their value; lists given replace the whole list. */
export const updateProductSchema = productFieldsSchema.partial().extend({ id: z.string().min(1, 'is required') });
/** Input of `updateProduct`. */
export type UpdateProductInput = z.input<typeof updateProductSchema>;

/** Input of `createVariant`. */
export type CreateVariantInput = VariantInput & { productId: string };
/** Input of `updateVariant`: fields left out keep their value. */
export type UpdateVariantInput = Partial<VariantInput> & { id: string };


/** BAD_USER_INPUT naming every field problem, with `reason`. */
export function invalidInput(what: string, fields: FieldError[], reason = 'CATALOG_INPUT_INVALID'): PlazaError {
  return new PlazaError('BAD_USER_INPUT', `The ${what} input is invalid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields, reason });
}

/** Parses `input` with `schema`; the data, or the field errors. */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): { data?: z.output<S>; fields: FieldError[] } {
  const result = schema.safeParse(input);
  return result.success ? { data: result.data, fields: [] } : { fields: toFieldErrors(result.error.issues, prefix) };
}
