import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the orders module. */
export const OrderPermission = {
  /** See orders of a platform. */
  Read: 'orders.read',
  /** Cancel, move through the process, take payments, set the number prefix. */
  Manage: 'orders.manage',
  /** Add, change and remove lines of an order before fulfillment. */
  Edit: 'orders.edit',
  /** Create draft orders (call centre, store) — used by the carts module. */
  Draft: 'orders.draft',
} as const;

export const orderPermissions: PermissionDefinition[] = [
  {
    code: OrderPermission.Read,
    label: 'See orders',
    description: 'See orders of every channel, their lines, payments and process',
    group: 'orders',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'read-only'],
  },
  {
    code: OrderPermission.Manage,
    label: 'Manage orders',
    description: 'Cancel orders, move them through their process, take payments and set the order number prefix',
    group: 'orders',
    defaultRoles: ['store-manager', 'call-center'],
  },
  {
    code: OrderPermission.Edit,
    label: 'Edit orders',
    description: 'Add, change and remove lines of orders that have not been fulfilled yet',
    group: 'orders',
    defaultRoles: ['store-manager', 'call-center'],
  },
  {
    code: OrderPermission.Draft,
    label: 'Create draft orders',
    description: 'Build orders for customers (phone orders, store assisted sales) and send them payment links',
    group: 'orders',
    defaultRoles: ['store-manager', 'store-associate', 'call-center'],
  },
];
