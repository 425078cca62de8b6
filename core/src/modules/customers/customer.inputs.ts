import { z } from 'zod';
import { IDENTITY_KINDS } from './identity-value.js';

const name = z.string().trim().max(100).nullish();
const tag = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short lowercase tag like "vip"');

/** A customer staff create by hand (e.g. at the till or on the phone). */
export const createCustomerInput = z.object({
  firstName: name,
  lastName: name,
  locale: z.string().max(35).nullish(),
  platformId: z.string().nullish(),
  tags: z.array(tag).max(50).nullish(),
  identities: z
    .array(z.object({ kind: z.enum(IDENTITY_KINDS), value: z.string(), namespace: z.string().nullish(), verified: z.boolean().nullish() }))
    .max(20)
    .nullish(),
});

/** Profile changes; fields left out keep their value. */
export const updateCustomerInput = z.object({
  id: z.string(),
  firstName: name,
  lastName: name,
  locale: z.string().max(35).nullish(),
  tags: z.array(tag).max(50).nullish(),
  defaultShippingAddressId: z.string().nullish(),
  defaultBillingAddressId: z.string().nullish(),
});

/** An address of the address book. */
export const addressInput = z.object({
  label: z.string().trim().max(60).nullish(),
  firstName: name,
  lastName: name,
  company: z.string().trim().max(200).nullish(),
  line1: z.string().trim().min(1, 'is required').max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1, 'is required').max(100),
  region: z.string().trim().max(100).nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
    .transform((c) => c.toUpperCase()),
  phone: z.string().trim().max(32).nullish(),
});

/** A consent given or withdrawn for a purpose and channel. */
export const consentInput = z.object({
  purpose: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a purpose code like "marketing"'),
  channel: z.enum(['email', 'sms', 'whatsapp', 'push', 'post', 'phone']),
  granted: z.boolean(),
  wordingVersion: z.string().trim().min(1).max(40),
});

export type CreateCustomerInput = z.input<typeof createCustomerInput>;
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;
export type AddressInput = z.input<typeof addressInput>;
export type ConsentInput = z.input<typeof consentInput>;
