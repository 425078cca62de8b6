import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the shipping module. */
export const ShippingPermission = {
  /** See shipping zones, methods and rates; preview quotes. */
  Read: 'shipping.read',
  /** Create, edit and delete shipping zones, methods and rates. */
  Manage: 'shipping.manage',
} as const;

/** The permissions the shipping module declares. */
export const shippingPermissions: PermissionDefinition[] = [
  {
    code: ShippingPermission.Read,
    label: 'See shipping settings',
    description: 'See shipping zones, methods and their rates, and preview what a cart would be offered',
    group: 'shipping',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'read-only'],
  },
  {
    code: ShippingPermission.Manage,
    label: 'Manage shipping settings',
    description: 'Create, edit and delete shipping zones, methods and rates',
    group: 'shipping',
    defaultRoles: [],
  },
];
