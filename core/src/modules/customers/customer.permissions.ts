import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the customers module, checked with the customer's platform where one applies. */
export const CustomerPermission = {
  /** Look customers up and see profiles, identities, figures and timelines. */
  Read: 'customers.read',
  /** Create and edit profiles, identities, addresses, notes, consents, groups and segments. */
  Write: 'customers.write',
  /** See merge suggestions, preview and apply merges. */
  Merge: 'customers.merge',
  /** Export everything about a customer, and erase a customer's personal data. */
  Privacy: 'customers.privacy',
} as const;

/** The permissions the customers module declares. */
export const customerPermissions: PermissionDefinition[] = [
  {
    code: CustomerPermission.Read,
    label: 'See customers',
    description: 'Look customers up (phone, e-mail, card, name) and see their profile, figures and timeline from every platform',
    group: 'customers',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'marketing', 'read-only'],
  },
  {
    code: CustomerPermission.Write,
    label: 'Edit customers',
    description: 'Create and edit customer profiles, identities, addresses, notes, consents, groups and segments',
    group: 'customers',
    defaultRoles: ['store-manager', 'store-associate', 'call-center'],
  },
  {
    code: CustomerPermission.Merge,
    label: 'Merge customers',
    description: 'Review merge suggestions and merge two customer records into one',
    group: 'customers',
    defaultRoles: ['store-manager', 'call-center'],
  },
  {
    code: CustomerPermission.Privacy,
    label: 'Export and erase customers',
    description: 'Export everything known about a customer, and erase a customer’s personal data (GDPR requests)',
    group: 'customers',
  },
];
