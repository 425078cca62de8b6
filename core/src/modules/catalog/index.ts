import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { AssortmentService } from './assortment.service.js';
import { AttributeService } from './attribute.service.js';
import { catalogEvents } from './catalog.events.js';
import { catalogAdminGraphQL, catalogChannelGraphQL } from './catalog.graphql.js';
import { catalogMigrations } from './catalog.migrations.js';
import { catalogPermissions } from './catalog.permissions.js';
import { seedCatalogScale } from './catalog.scale-seed.js';
import { seedDemoCatalog } from './catalog.seed.js';
import { CatalogService } from './catalog.service.js';
import { CatalogTokens, lazyCatalogAuditLog } from './catalog.tokens.js';
import { CategoryService } from './category.service.js';
import { CollectionService } from './collection.service.js';
import { ProductService } from './product.service.js';

export { CatalogTables } from './catalog.tables.js';
export { CatalogService, type ProductWithVariants } from './catalog.service.js';
export { CatalogPermission, catalogPermissions } from './catalog.permissions.js';
export { gtinCheckDigit, isValidGtin, normalizeGtin, parseGtin, gtinShortForm, type GtinResult } from './gtin.js';
export { validateAttributes } from './attribute-validation.js';
export type { ChannelProduct } from './channel-catalog.js';
export type { UpsertResult } from './product.service.js';
export type { ProductInput, VariantInput } from './product.inputs.js';
export type {
  Product,
  ProductStatus,
  Variant,
  VariantStatus,
  ProductOption,
  Category,
  Collection,
  AttributeDefinition,
  AttributeType,
} from './catalog.records.js';
export { demoGtin, DEMO_PLATFORM_CODES } from './catalog.seed.js';

/**
 * The catalog module: products with variants, options and GTINs, categories (a tree),
 * collections, translations, typed custom attributes, and the assortment per platform. It
 * keeps `catalog_search_document` in step with every product write (the search module indexes
 * it) and exports {@link CatalogService} for other modules.
 */
export const catalogModule = definePlugin({
  name: 'core.catalog',
  version: PLAZA_VERSION,
  description: 'Products, variants, categories, collections and the assortment per platform',
  requires: ['core.platforms', 'core.roles'],
  migrations: catalogMigrations,
  permissions: catalogPermissions,
  events: catalogEvents,
  register(scope) {
    const { container } = scope;
    container.registerInstance(CatalogTokens.Audit, lazyCatalogAuditLog(container));
    container.registerSingleton(ProductService);
    container.registerSingleton(CategoryService);
    container.registerSingleton(CollectionService);
    container.registerSingleton(AttributeService);
    container.registerSingleton(AssortmentService);
    container.registerSingleton(CatalogService);
  },
  exports: [CatalogService],
  graphql: { admin: catalogAdminGraphQL, channel: catalogChannelGraphQL },
  seed: { demo: seedDemoCatalog, scale: (ctx, _scope, plan) => seedCatalogScale(ctx, plan) },
});
