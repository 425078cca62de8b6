import { z } from 'zod';
import { isCurrency } from '../pricing/money.js';
import { displayName, slugCode, zoneMembers } from '../tax/tax.inputs.js';
import { RATE_TYPES } from './shipping-engine.js';

const money = z.number().int('must be an integer in minor units').min(0, 'must be 0 or more').refine(Number.isSafeInteger, 'is too large');
const bound = z.number().int('must be a whole number').min(0, 'must be 0 or more').refine(Number.isSafeInteger, 'is too large');

/** One rate (or band) as sent. */
export const shippingRateInput = z.object({
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCurrency, 'must be an ISO 4217 currency code such as EUR'),
  min: bound.nullish(),
  max: bound.nullish(),
  amount: money,
});

const days = z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(365, 'must be at most 365');
const rateType = z.enum(RATE_TYPES, 'must be FLAT, WEIGHT or SUBTOTAL');

const methodFields = {
  code: slugCode,
  name: displayName,
  carrier: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  minDays: days,
  maxDays: days,
  active: z.boolean().nullish(),
  platformIds: z.array(z.string().trim().min(1, 'is required')).max(100, 'must list at most 100 platforms').nullish(),
  rateType,
  rates: z.array(shippingRateInput).min(1, 'must have at least one rate').max(200, 'must have at most 200 rates'),
};

type RateIn = z.output<typeof shippingRateInput>;

/** A problem found by {@link rateProblems}. */
export interface RateProblem {
  path: (string | number)[];
  message: string;
}

/** The problems of a method's rates for its type (paths under `rates.N…`): FLAT one per currency, bands not overlapping. */
export function rateProblems(rateTypeValue: (typeof RATE_TYPES)[number], rates: RateIn[], base: (string | number)[] = ['rates']): RateProblem[] {
  const problems: RateProblem[] = [];
  const ctx = { addIssue: (p: { code: 'custom'; path: (string | number)[]; message: string }) => problems.push({ path: p.path, message: p.message }) };
  const byCurrency = new Map<string, { rate: RateIn; index: number }[]>();
  rates.forEach((rate, index) => {
    const list = byCurrency.get(rate.currency) ?? [];
    list.push({ rate, index });
    byCurrency.set(rate.currency, list);
    if (rateTypeValue === 'flat' && ((rate.min ?? 0) !== 0 || rate.max != null)) {
      ctx.addIssue({ code: 'custom', path: [...base, index, 'min'], message: 'must be left out for a FLAT rate' });
    }
    if (rate.max != null && rate.max < (rate.min ?? 0)) ctx.addIssue({ code: 'custom', path: [...base, index, 'max'], message: 'must be at least min' });
  });
  for (const list of byCurrency.values()) {
    if (rateTypeValue === 'flat') {
      for (const { index } of list.slice(1)) ctx.addIssue({ code: 'custom', path: [...base, index, 'currency'], message: 'has a FLAT rate already' });
      continue;
    }
    const sorted = [...list].sort((a, b) => (a.rate.min ?? 0) - (b.rate.min ?? 0));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!.rate;
      const cur = sorted[i]!;
      if (prev.max === null || prev.max === undefined || prev.max >= (cur.rate.min ?? 0)) {
        ctx.addIssue({ code: 'custom', path: [...base, cur.index, 'min'], message: 'overlaps another band of the same currency' });
      }
    }
  }
  return problems;
}

/** Input of `ShippingService.createMethod`. */
export const createShippingMethodInput = z
  .object({ zoneId: z.string().min(1, 'is required'), ...methodFields })
  .superRefine((m, ctx) => {
    if (m.maxDays < m.minDays) ctx.addIssue({ code: 'custom', path: ['maxDays'], message: 'must be at least minDays' });
    for (const p of rateProblems(m.rateType, m.rates)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
/** Input of `ShippingService.createMethod`. */
export type CreateShippingMethodInput = z.input<typeof createShippingMethodInput>;

/** Input of `ShippingService.updateMethod`: fields left out keep their value; `rates` replaces all (and is required with `rateType`). */
export const updateShippingMethodInput = z.object({
  id: z.string().min(1, 'is required'),
  code: slugCode.nullish(),
  name: displayName.nullish(),
  carrier: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  minDays: days.nullish(),
  maxDays: days.nullish(),
  active: z.boolean().nullish(),
  platformIds: methodFields.platformIds,
  rateType: rateType.nullish(),
  rates: methodFields.rates.nullish(),
  position: z.number().int('must be a whole number').min(0, 'must be 0 or more').nullish(),
});
/** Input of `ShippingService.updateMethod`. */
export type UpdateShippingMethodInput = z.input<typeof updateShippingMethodInput>;

/** Input of `ShippingService.createZone`. */
export const createShippingZoneInput = z.object({ code: slugCode, name: displayName, members: zoneMembers });
/** Input of `ShippingService.createZone`. */
export type CreateShippingZoneInput = z.input<typeof createShippingZoneInput>;

/** Input of `ShippingService.updateZone`. */
export const updateShippingZoneInput = z.object({ id: z.string().min(1, 'is required'), code: slugCode.nullish(), name: displayName.nullish(), members: zoneMembers.nullish() });
/** Input of `ShippingService.updateZone`. */
export type UpdateShippingZoneInput = z.input<typeof updateShippingZoneInput>;

/** Input of `ShippingService.quote`. */
export const quoteInput = z.object({
  platformId: z.string().min(1, 'is required'),
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCurrency, 'must be an ISO 4217 currency code such as EUR'),
  destination: z.object({
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => /^[A-Z]{2}$/.test(v), 'must be an ISO 3166-1 alpha-2 country code such as ES'),
    // Addresses carry what people type ("Comunidad de Madrid"): a name matches no zone's
    // subdivision code, and the postal code still places it.
    region: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
    postalCode: z.string().trim().max(16, 'must be at most 16 characters').nullish(),
  }),
  subtotal: money,
  weightGrams: bound,
});
/** Input of `ShippingService.quote`. */
export type QuoteShippingInput = z.input<typeof quoteInput>;
