import { z } from 'zod';
import { toFieldErrors } from '../../../kernel/field-errors.js';
export { toFieldErrors };
import { PlazaError, type FieldError } from '../../../kernel/errors.js';
import { LOCATION_TYPES, type LocationType } from './location.records.js';
import { openingHoursSchema } from './opening-hours.schema.js';
import { canonicalTimeZone, isTimeZone } from './time-zone.js';

// ISO 3166-1 alpha-2 check through ICU's region names: unknown codes come back unchanged;
// these are region codes ICU names that are not countries (or only reserved).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'UK']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Is this an ISO 3166-1 alpha-2 country code (upper case)? */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

const code = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "madrid-gran-via" (letters, digits and single hyphens)');
const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const type = z.enum(LOCATION_TYPES as [LocationType, ...LocationType[]], 'must be warehouse, store, dark_store or dropship');
const status = z.enum(['active', 'inactive'], 'must be active or inactive');
const address = z.object({
  line1: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  line2: optionalText(200),
  city: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as ES'),
});
const latitude = z.number('must be a number').min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
const longitude = z.number('must be a number').min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');
const timeZone = z
  .string()
  .trim()
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Madrid')
  .transform(canonicalTimeZone);
const preparationMinutes = z.number().int('must be a whole number of minutes').min(0, 'must be 0 or more').max(10_080, 'must be at most 10080 (a week)');

/** Input of `LocationService.create`. */
export const createLocationInput = z.object({
  code,
  name,
  type,
  status: status.nullish(),
  address: address.nullish(),
  latitude: latitude.nullish(),
  longitude: longitude.nullish(),
  timeZone,
  openingHours: openingHoursSchema.nullish(),
  pickupEnabled: z.boolean().nullish(),
  shipFromEnabled: z.boolean().nullish(),
  preparationMinutes: preparationMinutes.nullish(),
});
/** Input of `LocationService.create`. */
export type CreateLocationInput = z.input<typeof createLocationInput>;

/**
 * Input of `LocationService.update`: fields left out (undefined) keep their value; `address`,
 * `openingHours`, `latitude`/`longitude` may be set to null to clear them.
 */
export const updateLocationInput = z.object({
  id: z.string().min(1, 'is required'),
  code: code.nullish(),
  name: name.nullish(),
  type: type.nullish(),
  status: status.nullish(),
  address: address.nullish(),
  latitude: latitude.nullish(),
  longitude: longitude.nullish(),
  timeZone: timeZone.nullish(),
  openingHours: openingHoursSchema.nullish(),
  pickupEnabled: z.boolean().nullish(),
  shipFromEnabled: z.boolean().nullish(),
  preparationMinutes: preparationMinutes.nullish(),
});
/** Input of `LocationService.update`. */
export type UpdateLocationInput = z.input<typeof updateLocationInput>;

/** One entry of `LocationService.setPlatformLocations`, in the platform's order. */
export const platformLocationInput = z.object({
  locationId: z.string().trim().min(1, 'is required'),
  safetyStock: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1000000').nullish(),
});
/** Input of `LocationService.setPlatformLocations`. */
export const platformLocationsInput = z.array(platformLocationInput).max(500, 'list at most 500 locations');
/** One location of a platform, with its safety stock (default 0). */
export type PlatformLocationInput = z.input<typeof platformLocationInput>;


/** BAD_USER_INPUT naming every field problem (`reason` LOCATION_INPUT_INVALID). */
export function invalidLocationInput(fields: FieldError[]): PlazaError {
  return new PlazaError('BAD_USER_INPUT', `The stock location input is invalid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, {
    fields,
    reason: 'LOCATION_INPUT_INVALID',
  });
}

/** Parses `input`, throwing BAD_USER_INPUT with every field problem. */
export function parseLocationInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidLocationInput(toFieldErrors(result.error.issues, prefix));
  return result.data;
}
