import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the fulfillment module (checked per location; see fulfillment-access.ts). */
export const FulfillmentPermission = {
  /** See fulfillments (a store's pick list). */
  Read: 'fulfillment.read',
  /** Pack, ship, deliver, cancel, split and create fulfillments; hand over pickups. */
  Manage: 'fulfillment.manage',
} as const;

export const fulfillmentPermissions: PermissionDefinition[] = [
  {
    code: FulfillmentPermission.Read,
    label: 'See fulfillments',
    description: 'See the fulfillments (pick lists, shipments, pickups) of the locations in scope',
    group: 'fulfillment',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'read-only'],
  },
  {
    code: FulfillmentPermission.Manage,
    label: 'Handle fulfillments',
    description: 'Pack, ship, deliver, split, cancel and create fulfillments, and hand over pickups, at the locations in scope',
    group: 'fulfillment',
    defaultRoles: ['store-manager', 'store-associate'],
  },
];
