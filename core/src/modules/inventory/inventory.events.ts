import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const line = z.object({ variantId: z.string(), locationId: z.string(), quantity: z.number().int() });
const reference = z.object({ type: z.string(), id: z.string() }).nullable();

/** On-hand changed by an adjustment, damage or count correction. */
export const inventoryAdjusted = defineEvent(
  'inventory.adjusted',
  z.object({ variantId: z.string(), locationId: z.string(), kind: z.string(), quantity: z.number().int(), onHand: z.number().int(), movementId: z.string() }),
  'Stock was adjusted, written off as damaged or corrected after a count',
);

/** Goods were received into a location. */
export const inventoryReceived = defineEvent(
  'inventory.received',
  z.object({ variantId: z.string(), locationId: z.string(), quantity: z.number().int(), onHand: z.number().int(), movementId: z.string(), reference }),
  'Stock was received into a location',
);

/** Units were sold (a committed reservation or a direct sale). */
export const inventorySold = defineEvent(
  'inventory.sold',
  z.object({ lines: z.array(line), reference, platformId: z.string().nullable() }),
  'Stock left a location as a sale',
);

/** Units were reserved for a reference (all lines of one request). */
export const inventoryReserved = defineEvent(
  'inventory.reserved',
  z.object({ reservationIds: z.array(z.string()), lines: z.array(line), reference, expiresAt: z.string().nullable() }),
  'Stock was reserved for a cart, order or transfer',
);

/** A reservation ended without a sale: cancelled or expired. */
export const inventoryReleased = defineEvent(
  'inventory.released',
  z.object({ reservationId: z.string(), variantId: z.string(), locationId: z.string(), quantity: z.number().int(), reason: z.enum(['cancelled', 'expired']), reference }),
  'A reservation was released (cancelled or expired)',
);

/** Available (on hand − reserved) fell below the level's low-stock threshold (once per crossing). */
export const inventoryLowStock = defineEvent(
  'inventory.low_stock',
  z.object({ variantId: z.string(), locationId: z.string(), available: z.number().int(), threshold: z.number().int() }),
  'Stock at a location fell below its low-stock threshold',
);

/** A sale allowed to go negative (offline POS) left on-hand below zero: a manager should look. */
export const inventoryNegativeStock = defineEvent(
  'inventory.negative_stock',
  z.object({ variantId: z.string(), locationId: z.string(), onHand: z.number().int(), movementId: z.string(), platformId: z.string().nullable(), reference }),
  'A sale recorded while offline drove on-hand below zero',
);

const transferPayload = z.object({ transferId: z.string(), sourceLocationId: z.string(), destinationLocationId: z.string(), status: z.string() });

/** A transfer was requested (its units are reserved at the source). */
export const transferRequested = defineEvent('inventory.transfer.requested', transferPayload, 'A stock transfer was requested');
/** A transfer left its source (transfer_out movements). */
export const transferShipped = defineEvent('inventory.transfer.shipped', transferPayload, 'A stock transfer was shipped');
/** Units of a transfer arrived (transfer_in movements); status partially_received or received. */
export const transferReceived = defineEvent('inventory.transfer.received', transferPayload.extend({ lines: z.array(line) }), 'Units of a stock transfer were received');
/** A transfer was cancelled before it shipped (its reservations released). */
export const transferCancelled = defineEvent('inventory.transfer.cancelled', transferPayload, 'A stock transfer was cancelled');

/** Every event the inventory module declares. */
export const inventoryEvents = [
  inventoryAdjusted,
  inventoryReceived,
  inventorySold,
  inventoryReserved,
  inventoryReleased,
  inventoryLowStock,
  inventoryNegativeStock,
  transferRequested,
  transferShipped,
  transferReceived,
  transferCancelled,
];
