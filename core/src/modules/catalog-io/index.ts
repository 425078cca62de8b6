import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { CatalogExportService } from './catalog-export.service.js';
import { CatalogImportService } from './catalog-import.service.js';
import { catalogIoPermissions } from './catalog-io.permissions.js';

export { CatalogImportService, type ImportSummary, type ImportProgress, type ImportOptions } from './catalog-import.service.js';
export { CatalogExportService, type ExportSummary } from './catalog-export.service.js';
export { CatalogIoPermission, catalogIoPermissions } from './catalog-io.permissions.js';
export type { RowError } from './catalog-csv.format.js';

/**
 * Catalog CSV import and export (docs/catalog-io.md): streamed both ways, one transaction per
 * imported product, a per-row error report. Used by `plaza import products` and
 * `plaza export products`; an admin upload mutation is not part of it yet.
 */
export const catalogIoModule = definePlugin({
  name: 'core.catalog-io',
  version: PLAZA_VERSION,
  description: 'Catalog CSV import and export (streamed, per-row error report)',
  requires: ['core.catalog', 'core.pricing'],
  permissions: catalogIoPermissions,
  register(scope) {
    scope.container.registerSingleton(CatalogImportService);
    scope.container.registerSingleton(CatalogExportService);
  },
  exports: [CatalogImportService, CatalogExportService],
});
