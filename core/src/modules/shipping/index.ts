import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { lazyAuditLog } from '../../kernel/lazy-audit-log.js';
import { ShippingConfigCache } from './shipping-config.cache.js';
import { shippingEvents } from './shipping.events.js';
import { shippingAdminGraphQL } from './shipping.graphql.js';
import { shippingMigrations } from './shipping.migrations.js';
import { shippingPermissions } from './shipping.permissions.js';
import { seedDemoShipping } from './shipping.seed.js';
import { ShippingService } from './shipping.service.js';
import { ShippingTokens } from './shipping.tokens.js';

export { ShippingService, type ShippingQuoteResult } from './shipping.service.js';
export {
  quoteShipping,
  rateFor,
  RATE_TYPES,
  type RateType,
  type ShippingRate,
  type ShippingMethod,
  type ShippingZone,
  type QuoteInput,
  type ShippingQuote,
} from './shipping-engine.js';
export type { CreateShippingZoneInput, UpdateShippingZoneInput, CreateShippingMethodInput, UpdateShippingMethodInput, QuoteShippingInput } from './shipping.inputs.js';
export { ShippingPermission, shippingPermissions } from './shipping.permissions.js';
export { ShippingTables } from './shipping.tables.js';

/**
 * The shipping module: shipping zones, their methods (carrier, estimate, platforms) and rates
 * (flat, weight bands, subtotal bands with free shipping), and the quote carts ask for.
 * See docs/shipping.md.
 */
export const shippingModule = definePlugin({
  name: 'core.shipping',
  version: PLAZA_VERSION,
  description: 'Shipping zones, methods and rates; shipping quotes for carts',
  // Money (the admin type) comes from pricing; zone matching from tax.
  requires: ['core.platforms', 'core.pricing', 'core.tax'],
  migrations: shippingMigrations,
  permissions: shippingPermissions,
  events: shippingEvents,
  register({ container }) {
    container.registerInstance(ShippingConfigCache, new ShippingConfigCache());
    container.registerInstance(ShippingTokens.Audit, lazyAuditLog(container));
    container.registerSingleton(ShippingService);
  },
  exports: [ShippingService],
  graphql: { admin: shippingAdminGraphQL },
  seed: { demo: seedDemoShipping },
});
