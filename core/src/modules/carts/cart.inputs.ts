import { z } from 'zod';

const id = z.string().trim().min(1, 'is required').max(64, 'is too long');

/** One line to add: a variant and how many (1–999). */
export const cartLineInput = z.object({
  variantId: id,
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(999, 'must be at most 999'),
});
/** Lines to add (same variant merges). */
export const cartLinesInput = z.array(cartLineInput).min(1, 'must have at least one line').max(200, 'must have at most 200 lines');
/** A new quantity (0 removes the line). */
export const quantityInput = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(999, 'must be at most 999');

const email = z.string().trim().toLowerCase().email('must be an e-mail address').max(320);
const phone = z.string().trim().min(3, 'is too short').max(40, 'is too long');

/** Input of `createCart`. */
export const createCartInput = z.object({
  email: email.nullish(),
  locale: z.string().trim().min(2).max(35).nullish(),
  lines: z.array(cartLineInput).max(200, 'must have at most 200 lines').nullish(),
});
/** Input of `createCart`. */
export type CreateCartInput = z.input<typeof createCartInput>;

/** Input of `setCartContact`. */
export const contactInput = z.object({ email: email.nullish(), phone: phone.nullish() });

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** A postal address (the customers module's CustomerAddressInput shape; `label` is ignored). */
export const addressInput = z
  .object({
    label: text(100).nullish(),
    firstName: text(100).nullish(),
    lastName: text(100).nullish(),
    company: text(200).nullish(),
    line1: text(300).min(1, 'is required'),
    line2: text(300).nullish(),
    city: text(100).min(1, 'is required'),
    region: text(100).nullish(),
    postalCode: text(16).nullish(),
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => /^[A-Z]{2}$/.test(v), 'must be an ISO 3166-1 alpha-2 country code such as ES'),
    phone: phone.nullish(),
  })
  .transform(({ label: _label, ...a }) => ({
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    company: a.company ?? null,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    region: a.region ?? null,
    postalCode: a.postalCode ?? null,
    country: a.country,
    phone: a.phone ?? null,
  }));

/** Input of `setCartAddresses`. */
export const addressesInput = z.object({ shipping: addressInput.nullish(), billing: addressInput.nullish() });

/** Input of `setCartDelivery` (mode lowercased by the resolver). */
export const deliveryInput = z
  .object({
    mode: z.enum(['ship', 'pickup', 'order_ahead']),
    shippingMethodId: id.nullish(),
    locationId: id.nullish(),
    slotStart: z.date().nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'ship' && !v.shippingMethodId) ctx.addIssue({ code: 'custom', path: ['shippingMethodId'], message: 'is required to ship' });
    if (v.mode !== 'ship' && !v.locationId) ctx.addIssue({ code: 'custom', path: ['locationId'], message: 'is required for pickup' });
    if (v.mode === 'order_ahead' && !v.slotStart) ctx.addIssue({ code: 'custom', path: ['slotStart'], message: 'is required for order ahead' });
  });
/** Input of `setCartDelivery`. */
export type DeliveryInput = z.input<typeof deliveryInput>;

/** A card as the storefront sends it (sandbox test numbers or a gateway token). */
const cardInput = z.object({
  number: z.string().trim().max(32).nullish(),
  expMonth: z.number().int().nullish(),
  expYear: z.number().int().nullish(),
  cvc: z.string().trim().max(4).nullish(),
  token: z.string().trim().max(200).nullish(),
});

/** Input of `placeOrder`. */
export const placeOrderInput = z.object({
  cartId: id,
  idempotencyKey: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  payment: z.object({
    provider: z.string().trim().min(1, 'is required').max(64),
    method: z.string().trim().min(1, 'is required').max(32).transform((v) => v.toLowerCase()),
    card: cardInput.nullish(),
  }),
});
/** Input of `placeOrder`. */
export type PlaceOrderCartInput = z.input<typeof placeOrderInput>;
