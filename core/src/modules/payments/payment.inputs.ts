import { z } from 'zod';
import { PAYMENT_METHODS } from './payment-provider.js';

const id = z.string().min(1).max(64);
const key = z.string().min(8, 'must be at least 8 characters').max(160);
const amount = z.number().int('must be an integer number of minor units').positive('must be positive').max(Number.MAX_SAFE_INTEGER);

export const authorizeInput = z.object({
  orderId: id,
  platformId: id,
  customerId: id.nullish(),
  provider: z.string().min(1).max(64),
  method: z.enum(PAYMENT_METHODS),
  amount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
  idempotencyKey: key,
  /** Capture at once (a sale) rather than authorize only. */
  capture: z.boolean().nullish(),
  card: z
    .object({
      number: z.string().max(23).optional(),
      token: z.string().max(200).optional(),
      expMonth: z.number().int().min(1).max(12).optional(),
      expYear: z.number().int().optional(),
      cvc: z.string().max(4).optional(),
    })
    .optional(),
});
export type AuthorizeInput = z.input<typeof authorizeInput>;

export const confirmInput = z.object({ paymentId: id, idempotencyKey: key.nullish() });
export type ConfirmInput = z.input<typeof confirmInput>;

export const captureInput = z.object({ paymentId: id, amount: amount.nullish(), idempotencyKey: key });
export type CaptureInput = z.input<typeof captureInput>;

export const voidInput = z.object({ paymentId: id, idempotencyKey: key });
export type VoidInput = z.input<typeof voidInput>;

export const refundInput = z.object({ paymentId: id, amount, reason: z.string().max(500).nullish(), idempotencyKey: key });
export type RefundInput = z.input<typeof refundInput>;

export const ledgerFilter = z
  .object({
    platformId: id.nullish(),
    orderId: id.nullish(),
    method: z.enum(PAYMENT_METHODS).nullish(),
    provider: z.string().max(64).nullish(),
    kind: z.enum(['authorization', 'capture', 'refund', 'void']).nullish(),
    status: z.enum(['pending', 'succeeded', 'failed']).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must not be after "to"', path: ['from'] });
export type LedgerFilter = z.input<typeof ledgerFilter>;

export const reportInput = z
  .object({ from: z.date(), to: z.date(), platformId: id.nullish() })
  .refine((r) => r.from <= r.to, { message: 'must not be after "to"', path: ['from'] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 400 * 86_400_000, { message: 'the range must be at most 400 days', path: ['to'] });
export type ReportInput = z.input<typeof reportInput>;
