import type { PermissionDefinition } from '../../../kernel/plugin.js';

/** Permission codes of the locations module. */
export const LocationPermission = {
  /** See stock locations and which platforms sell from them. */
  Read: 'locations.read',
  /** Create locations (unscoped), edit and deactivate them (scoped by location), link them to platforms. */
  Manage: 'locations.manage',
} as const;

/** The permissions the locations module declares. */
export const locationPermissions: PermissionDefinition[] = [
  {
    code: LocationPermission.Read,
    label: 'See stock locations',
    description: 'See warehouses, stores and other stock locations, their hours, and the platforms that sell from them',
    group: 'locations',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'marketing', 'read-only'],
  },
  {
    code: LocationPermission.Manage,
    label: 'Manage stock locations',
    description: 'Edit stock locations (address, hours, pickup), create and deactivate them, and choose the locations each platform sells from',
    group: 'locations',
    defaultRoles: ['store-manager'],
  },
];
