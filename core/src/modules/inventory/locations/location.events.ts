import { z } from 'zod';
import { defineEvent } from '../../../kernel/plugin.js';

/** A stock location was created. */
export const stockLocationCreated = defineEvent(
  'stock_location.created',
  z.object({ locationId: z.string(), code: z.string(), type: z.string() }),
  'A stock location (warehouse, store, dark store, dropship) was created',
);

/** A stock location changed (`changed` lists the fields; a deactivation changes `status`). */
export const stockLocationUpdated = defineEvent(
  'stock_location.updated',
  z.object({ locationId: z.string(), code: z.string(), changed: z.array(z.string()) }),
  'A stock location was edited, deactivated or activated',
);

/** The ordered list of locations a platform sells from (or their safety stock) changed. */
export const platformLocationsChanged = defineEvent(
  'platform.locations_changed',
  z.object({ platformId: z.string(), locations: z.array(z.object({ locationId: z.string(), safetyStock: z.number().int() })) }),
  "A platform's stock locations (order or safety stock) were replaced",
);

/** Every event the locations module declares. */
export const locationEvents = [stockLocationCreated, stockLocationUpdated, platformLocationsChanged];
