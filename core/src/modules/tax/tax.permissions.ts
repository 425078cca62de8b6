import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the tax module. */
export const TaxPermission = {
  /** See tax zones and rates; preview tax for a destination. */
  Read: 'tax.read',
  /** Create, edit and delete tax zones and their rates. */
  Manage: 'tax.manage',
} as const;

/** The permissions the tax module declares. */
export const taxPermissions: PermissionDefinition[] = [
  {
    code: TaxPermission.Read,
    label: 'See tax settings',
    description: 'See tax zones, their countries and rates, and preview the tax of a destination',
    group: 'tax',
    defaultRoles: ['store-manager', 'call-center', 'read-only'],
  },
  {
    code: TaxPermission.Manage,
    label: 'Manage tax settings',
    description: 'Create, edit and delete tax zones and their rates',
    group: 'tax',
    defaultRoles: [],
  },
];
