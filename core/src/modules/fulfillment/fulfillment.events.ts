import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const ref = {
  fulfillmentId: z.string(),
  orderId: z.string(),
  platformId: z.string(),
  locationId: z.string(),
  mode: z.enum(['ship', 'pickup']),
};

/** A fulfillment was created (at placement, by a split, or by staff for unassigned quantities). */
export const fulfillmentCreated = defineEvent(
  'fulfillment.created',
  z.object({ ...ref, lines: z.array(z.object({ orderLineId: z.string(), quantity: z.number().int() })) }),
  'A fulfillment of (part of) an order was created at a location',
);

/** A fulfillment moved to another state of its process. */
export const fulfillmentStateChanged = defineEvent(
  'fulfillment.state_changed',
  z.object({ ...ref, from: z.string(), to: z.string(), status: z.enum(['open', 'done', 'cancelled']), trackingNumber: z.string().nullable() }),
  'A fulfillment was packed, shipped, delivered, handed over or cancelled',
);

export const fulfillmentEvents = [fulfillmentCreated, fulfillmentStateChanged];
