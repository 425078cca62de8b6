import { z } from 'zod';
import { MAX_RATE_BP, TAX_CATEGORIES } from './tax-engine.js';

/** A lowercase slug code, shared by tax and shipping. */
export const slugCode = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "es-peninsula" (letters, digits and single hyphens)');
/** A display name. */
export const displayName = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
/** ISO 3166-1 alpha-2 country code, upper-cased. */
export const countryCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => /^[A-Z]{2}$/.test(v), 'must be an ISO 3166-1 alpha-2 country code such as ES');

/** One zone member as sent. */
export const zoneMemberInput = z
  .object({
    country: countryCode,
    region: z.string().trim().max(16, 'must be at most 16 characters').regex(/^[A-Za-z0-9-]*$/, 'must be an ISO 3166-2 subdivision code such as CN').nullish(),
    postalPrefix: z.string().trim().max(16, 'must be at most 16 characters').regex(/^[A-Za-z0-9 -]*$/, 'must contain letters, digits, spaces or hyphens').nullish(),
  })
  .transform((m) => {
    let region = m.region ? m.region.toUpperCase() : null;
    if (region?.startsWith(`${m.country}-`)) region = region.slice(3);
    const postalPrefix = m.postalPrefix ? m.postalPrefix.toUpperCase().replace(/[\s-]/g, '') : null;
    return { country: m.country, region: region || null, postalPrefix: postalPrefix || null };
  });

/** Zone members: at least one, no duplicates. */
export const zoneMembers = z
  .array(zoneMemberInput)
  .min(1, 'must list at least one country')
  .max(500, 'must have at most 500 members')
  .superRefine((members, ctx) => {
    const seen = new Set<string>();
    members.forEach((m, i) => {
      const key = `${m.country}|${m.region ?? ''}|${m.postalPrefix ?? ''}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: 'is listed twice' });
      seen.add(key);
    });
  });

const category = z.enum(TAX_CATEGORIES, 'must be STANDARD, REDUCED, SUPER_REDUCED or ZERO');

/** One rate as sent. */
export const taxRateInput = z.object({
  category,
  rateBasisPoints: z.number().int('must be an integer number of basis points').min(0, 'must be 0 or more').max(MAX_RATE_BP, 'must be at most 10000 (100 %)'),
  name: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
});

const rates = z
  .array(taxRateInput)
  .max(TAX_CATEGORIES.length, 'has one rate per category at most')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.category)) ctx.addIssue({ code: 'custom', path: [i, 'category'], message: 'is listed twice' });
      seen.add(r.category);
    });
  });

/** Input of `TaxService.createZone`. */
export const createTaxZoneInput = z.object({ code: slugCode, name: displayName, members: zoneMembers, rates: rates.nullish() });
/** Input of `TaxService.createZone`. */
export type CreateTaxZoneInput = z.input<typeof createTaxZoneInput>;

/** Input of `TaxService.updateZone`: fields left out keep their value; members and rates given replace all. */
export const updateTaxZoneInput = z.object({
  id: z.string().min(1, 'is required'),
  code: slugCode.nullish(),
  name: displayName.nullish(),
  members: zoneMembers.nullish(),
  rates: rates.nullish(),
});
/** Input of `TaxService.updateZone`. */
export type UpdateTaxZoneInput = z.input<typeof updateTaxZoneInput>;

/** A destination as sent. */
export const destinationInput = z.object({
  country: countryCode,
  // Addresses carry what people type ("Comunidad de Madrid"): a name matches no zone's
  // subdivision code, and the postal code still places it.
  region: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  postalCode: z.string().trim().max(16, 'must be at most 16 characters').nullish(),
});

/** Input of `TaxService.compute` (carts) and the admin preview. */
export const computeTaxInput = z.object({
  lines: z
    .array(
      z.object({
        key: z.string().min(1, 'is required').max(100, 'must be at most 100 characters'),
        amount: z.number().int('must be an integer in minor units').refine(Number.isSafeInteger, 'is too large'),
        quantity: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
        taxCategory: category.nullish(),
      }),
    )
    .max(1000, 'must have at most 1000 lines'),
  pricesIncludeTax: z.boolean(),
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[A-Z]{3}$/.test(v), 'must be an ISO 4217 currency code such as EUR'),
  destination: destinationInput,
});
/** Input of `TaxService.compute`. */
export type ComputeTaxInput = z.input<typeof computeTaxInput>;
