import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the inventory module; all are checked with the location as the target. */
export const InventoryPermission = {
  /** See levels, movements, reservations and transfers. */
  Read: 'inventory.read',
  /** Adjust on-hand quantities (adjustment, damage) and set low-stock thresholds. */
  Adjust: 'inventory.adjust',
  /** Receive stock (receipts). */
  Receive: 'inventory.receive',
  /** Record stock counts (count corrections). */
  Count: 'inventory.count',
  /** Create, ship, receive and cancel transfers. */
  Transfer: 'inventory.transfer',
  /** Reserve, release and commit reservations, record sales. */
  Reserve: 'inventory.reserve',
} as const;

/** A permission code of the inventory module. */
export type InventoryPermissionCode = (typeof InventoryPermission)[keyof typeof InventoryPermission];

/** The permissions the inventory module declares. */
export const inventoryPermissions: PermissionDefinition[] = [
  {
    code: InventoryPermission.Read,
    label: 'See stock',
    description: 'See stock levels, the movement ledger, reservations and transfers of the locations in scope',
    group: 'inventory',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'marketing', 'read-only'],
  },
  {
    code: InventoryPermission.Adjust,
    label: 'Adjust stock',
    description: 'Correct on-hand quantities (adjustments, damage) and set low-stock thresholds',
    group: 'inventory',
    defaultRoles: ['store-manager', 'store-associate'],
  },
  {
    code: InventoryPermission.Receive,
    label: 'Receive stock',
    description: 'Book incoming goods into a location',
    group: 'inventory',
    defaultRoles: ['store-manager', 'store-associate'],
  },
  {
    code: InventoryPermission.Count,
    label: 'Count stock',
    description: 'Record counted quantities; the difference is booked as a count correction',
    group: 'inventory',
    defaultRoles: ['store-manager', 'store-associate'],
  },
  {
    code: InventoryPermission.Transfer,
    label: 'Transfer stock',
    description: 'Request, ship, receive and cancel transfers between locations',
    group: 'inventory',
    defaultRoles: ['store-manager'],
  },
  {
    code: InventoryPermission.Reserve,
    label: 'Reserve stock',
    description: 'Hold stock for carts and orders, release it, and record sales',
    group: 'inventory',
    defaultRoles: ['store-manager', 'store-associate', 'call-center'],
  },
];
