import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { catalogMigrations } from './catalog.migrations.js';

export { CatalogTables } from './catalog.tables.js';

/** The catalog module: products, variants, options, GTINs, categories, collections, assortment. */
export const catalogModule = definePlugin({
  name: 'core.catalog',
  version: PLAZA_VERSION,
  description: 'Products, variants, categories, collections and the assortment per platform',
  requires: ['core.platforms', 'core.roles'],
  migrations: catalogMigrations,
});
