import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';
import { formatMoney } from '../pricing/money.js';

// Payloads carry ids, amounts and counts only: no e-mail, no address.
const ref = { orderId: z.string(), number: z.string(), platformId: z.string(), customerId: z.string().nullable() };

export const orderPlaced = defineEvent(
  'order.placed',
  z.object({
    ...ref,
    total: z.number().int(),
    currency: z.string(),
    mode: z.string(),
    locationId: z.string().nullable(),
    lines: z.array(z.object({ variantId: z.string(), quantity: z.number().int(), locationId: z.string() })),
  }),
  'An order was placed (any channel: web, store, marketplace, import)',
  {
    customerActivity: (p) =>
      p.customerId
        ? {
            customerId: p.customerId,
            platformId: p.platformId,
            kind: 'order.placed',
            summary: `Order ${p.number} placed (${formatMoney({ amount: p.total, currency: p.currency })})`,
            reference: { type: 'order', id: p.orderId },
            purchase: { currency: p.currency, amount: p.total, locationId: p.locationId },
          }
        : null,
  },
);

export const orderCancelled = defineEvent(
  'order.cancelled',
  z.object({ ...ref, reason: z.string().nullable(), refunded: z.number().int(), currency: z.string(), locationId: z.string().nullable() }),
  'An order was cancelled (its stock restocked, its payments refunded or voided)',
  {
    customerActivity: (p) =>
      p.customerId
        ? {
            customerId: p.customerId,
            platformId: p.platformId,
            kind: 'order.cancelled',
            summary: `Order ${p.number} cancelled`,
            reference: { type: 'order', id: p.orderId },
            purchase: p.refunded > 0 ? { currency: p.currency, amount: -p.refunded, locationId: p.locationId } : null,
          }
        : null,
  },
);

export const orderEdited = defineEvent(
  'order.edited',
  z.object({ ...ref, totalBefore: z.number().int(), totalAfter: z.number().int(), currency: z.string(), added: z.number().int(), changed: z.number().int(), removed: z.number().int() }),
  'Lines of an order were added, changed or removed before fulfillment',
);

export const orderPaymentUpdated = defineEvent(
  'order.payment_updated',
  z.object({ ...ref, paymentStatus: z.string(), paidTotal: z.number().int(), refundedTotal: z.number().int() }),
  'The payment figures of an order changed (a capture, refund or void of one of its payments)',
);

export const orderEvents = [orderPlaced, orderCancelled, orderEdited, orderPaymentUpdated];
