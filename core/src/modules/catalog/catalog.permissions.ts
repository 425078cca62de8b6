import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the catalog module. */
export const CatalogPermission = {
  /** See products, variants, categories, collections, attribute definitions and the assortment. */
  Read: 'catalog.read',
  /** Create, edit and delete products, variants, categories, collections and attribute definitions. */
  Manage: 'catalog.manage',
  /** Publish products to a platform and withdraw them (checked per platform). */
  Publish: 'catalog.publish',
} as const;

/** The permissions the catalog module declares. */
export const catalogPermissions: PermissionDefinition[] = [
  {
    code: CatalogPermission.Read,
    label: 'See the catalog',
    description: 'See products, variants, categories, collections, attributes and what each platform sells',
    group: 'catalog',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'marketing', 'read-only'],
  },
  {
    code: CatalogPermission.Manage,
    label: 'Manage the catalog',
    description: 'Create, edit and delete products, variants, categories, collections and attribute definitions',
    group: 'catalog',
    defaultRoles: ['store-manager', 'marketing'],
  },
  {
    code: CatalogPermission.Publish,
    label: 'Publish products',
    description: 'Publish products to a platform (make them visible there) and withdraw them',
    group: 'catalog',
    defaultRoles: ['store-manager', 'marketing'],
  },
];
