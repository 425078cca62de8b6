import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

// Payloads carry ids and amounts only: no card data, no personal data.
const movement = z.object({
  paymentId: z.string(),
  transactionId: z.string(),
  orderId: z.string(),
  platformId: z.string(),
  customerId: z.string().nullable(),
  provider: z.string(),
  method: z.string(),
  amount: z.number().int(),
  currency: z.string(),
});

export const paymentAuthorized = defineEvent('payment.authorized', movement, 'A payment was authorized (money held, not yet taken)');
export const paymentCaptured = defineEvent('payment.captured', movement, 'Money was taken for an order (capture, or a manual payment recorded by staff)');
export const paymentRefunded = defineEvent('payment.refunded', movement.extend({ reason: z.string().nullable() }), 'Money was given back to the customer');
export const paymentVoided = defineEvent('payment.voided', movement, 'An authorization was released without taking money');

export const paymentEvents = [paymentAuthorized, paymentCaptured, paymentRefunded, paymentVoided];

/** Event name per ledger kind. */
export const eventOfKind = {
  authorization: paymentAuthorized.name,
  capture: paymentCaptured.name,
  refund: paymentRefunded.name,
  void: paymentVoided.name,
} as const;
