import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { lazyAuditLog } from '../../kernel/lazy-audit-log.js';
import { TaxZoneCache } from './tax-zone.cache.js';
import { taxEvents } from './tax.events.js';
import { taxAdminGraphQL } from './tax.graphql.js';
import { taxMigrations } from './tax.migrations.js';
import { taxPermissions } from './tax.permissions.js';
import { seedDemoTax } from './tax.seed.js';
import { TaxService } from './tax.service.js';
import { TaxTokens } from './tax.tokens.js';

export { TaxService, type TaxComputation } from './tax.service.js';
export {
  computeTax,
  taxOfAmount,
  TAX_CATEGORIES,
  type TaxCategory,
  type TaxLineInput,
  type TaxedLine,
  type TaxBreakdownRow,
  type TaxResult,
  type AppliedRate,
  type EngineInput,
} from './tax-engine.js';
export { matchZone, type Destination, type ZoneMember } from './zone-match.js';
export type { TaxZone } from './tax.records.js';
export type { ComputeTaxInput, CreateTaxZoneInput, UpdateTaxZoneInput } from './tax.inputs.js';
export { TaxPermission, taxPermissions } from './tax.permissions.js';
export { TaxTables } from './tax.tables.js';

/**
 * The tax module: tax zones (countries, regions, postal prefixes) with a rate per tax category,
 * the zone of a destination, and the engine carts use to tax lines (per-line rounding, totals
 * that always add up). See docs/tax.md.
 */
export const taxModule = definePlugin({
  name: 'core.tax',
  version: PLAZA_VERSION,
  description: 'Tax zones and rates per category; the tax engine for carts',
  requires: ['core.platforms'],
  migrations: taxMigrations,
  permissions: taxPermissions,
  events: taxEvents,
  register({ container }) {
    container.registerInstance(TaxZoneCache, new TaxZoneCache());
    container.registerInstance(TaxTokens.Audit, lazyAuditLog(container));
    container.registerSingleton(TaxService);
  },
  exports: [TaxService],
  graphql: { admin: taxAdminGraphQL },
  seed: { demo: seedDemoTax },
});
