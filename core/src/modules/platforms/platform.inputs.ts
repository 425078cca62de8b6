import { z } from 'zod';
import { toFieldErrors } from '../../kernel/field-errors.js';
export { toFieldErrors };
import { PlazaError, type FieldError } from '../../kernel/errors.js';

const currencies = new Set(Intl.supportedValuesOf('currency'));

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const code = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "web-es" (letters, digits and single hyphens)');
const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const currency = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => currencies.has(v), 'must be an ISO 4217 currency code such as EUR');
const locale = z
  .string()
  .trim()
  .refine(isLocale, 'must be a BCP 47 language tag such as es-ES')
  .transform((v) => Intl.getCanonicalLocales(v)[0]!);
const settings = z.record(z.string(), z.unknown(), 'must be an object of settings').nullish();

/** Input of `PlatformService.create`. */
export const createPlatformInput = z.object({
  code,
  name,
  type: z.string().trim().min(1, 'is required'),
  currency,
  locale,
  settings,
});
/** Input of `PlatformService.create`. */
export type CreatePlatformInput = z.input<typeof createPlatformInput>;

/** Input of `PlatformService.update`: only the fields given change; `settings` replaces the whole object. */
export const updatePlatformInput = z.object({
  id: z.string().min(1, 'is required'),
  code: code.nullish(),
  name: name.nullish(),
  currency: currency.nullish(),
  locale: locale.nullish(),
  settings,
});
/** Input of `PlatformService.update`. */
export type UpdatePlatformInput = z.input<typeof updatePlatformInput>;

/** Input of `PlatformKeyService.create`. */
export const createKeyInput = z.object({
  platformId: z.string().min(1, 'is required'),
  label: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
});


/** BAD_USER_INPUT naming every field problem (`reason` PLATFORM_INPUT_INVALID). */
export function invalidInput(fields: FieldError[]): PlazaError {
  return new PlazaError('BAD_USER_INPUT', `The platform input is invalid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, {
    fields,
    reason: 'PLATFORM_INPUT_INVALID',
  });
}

/** Parses an input; the result's data, or its field errors (so more checks can add theirs). */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): { data?: z.output<S>; fields: FieldError[] } {
  const result = schema.safeParse(input);
  return result.success ? { data: result.data, fields: [] } : { fields: toFieldErrors(result.error.issues) };
}
