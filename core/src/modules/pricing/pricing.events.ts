import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

/** A price list was created. */
export const priceListCreated = defineEvent(
  'price_list.created',
  z.object({ priceListId: z.string(), code: z.string(), currency: z.string() }),
  'A price list was created',
);

/** A price list's code, name or status changed (`changed` lists the fields). */
export const priceListUpdated = defineEvent(
  'price_list.updated',
  z.object({ priceListId: z.string(), code: z.string(), changed: z.array(z.string()) }),
  'A price list was edited',
);

/** A price list was deleted with its prices. */
export const priceListDeleted = defineEvent(
  'price_list.deleted',
  z.object({ priceListId: z.string(), code: z.string() }),
  'A price list was deleted with its prices',
);

/** Prices of a list were created, changed or deleted; caches of those variants' prices must be dropped. */
export const pricesChanged = defineEvent(
  'prices.changed',
  z.object({ priceListId: z.string(), variantIds: z.array(z.string()), created: z.number().int(), updated: z.number().int(), deleted: z.number().int() }),
  'Prices of a price list were created, changed or deleted',
);

/** A platform's price list or tax-inclusive flag changed. */
export const platformPricingUpdated = defineEvent(
  'platform_pricing.updated',
  z.object({ platformId: z.string(), priceListId: z.string().nullable(), pricesIncludeTax: z.boolean() }),
  'The price list of a platform, or whether its prices include tax, changed',
);

/** Every event the pricing module declares. */
export const pricingEvents = [priceListCreated, priceListUpdated, priceListDeleted, pricesChanged, platformPricingUpdated];
