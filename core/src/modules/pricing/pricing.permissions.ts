import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the pricing module. */
export const PricingPermission = {
  /** See price lists, prices and platforms' pricing settings. */
  Read: 'pricing.read',
  /** Create and edit price lists and prices; link price lists to platforms. */
  Manage: 'pricing.manage',
} as const;

/** The permissions the pricing module declares. */
export const pricingPermissions: PermissionDefinition[] = [
  {
    code: PricingPermission.Read,
    label: 'See prices',
    description: 'See price lists, their prices and which price list each platform sells with',
    group: 'pricing',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'marketing', 'read-only'],
  },
  {
    code: PricingPermission.Manage,
    label: 'Manage prices',
    description: 'Create and edit price lists and prices, and choose the price list of a platform',
    group: 'pricing',
    defaultRoles: ['store-manager'],
  },
];
