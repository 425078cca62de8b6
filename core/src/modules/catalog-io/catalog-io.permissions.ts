import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the catalog import/export module. */
export const CatalogIoPermission = {
  /** Import products from a CSV file (the import also needs what it writes: catalog.manage, catalog.publish, pricing.manage). */
  Import: 'catalog.import',
  /** Export the catalog as a CSV file. */
  Export: 'catalog.export',
} as const;

/** The permissions the catalog import/export module declares. */
export const catalogIoPermissions: PermissionDefinition[] = [
  {
    code: CatalogIoPermission.Import,
    label: 'Import the catalog',
    description: 'Create and replace products in bulk from a CSV file',
    group: 'catalog',
    defaultRoles: ['store-manager'],
  },
  {
    code: CatalogIoPermission.Export,
    label: 'Export the catalog',
    description: 'Download every product, variant and price as a CSV file',
    group: 'catalog',
    defaultRoles: ['store-manager', 'marketing'],
  },
];
