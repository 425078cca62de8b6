import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the payments module. */
export const PaymentPermission = {
  /** See payments, the ledger and the payments report. */
  Read: 'payments.read',
  /** Record manual payments (cash, terminal, bank transfer), capture, void and refund. */
  Manage: 'payments.manage',
} as const;

export const paymentPermissions: PermissionDefinition[] = [
  {
    code: PaymentPermission.Read,
    label: 'See payments',
    description: 'See payments, the payments ledger and the payments report',
    group: 'payments',
    defaultRoles: ['store-manager', 'call-center', 'read-only'],
  },
  {
    code: PaymentPermission.Manage,
    label: 'Manage payments',
    description: 'Record cash, terminal and bank transfer payments, capture, void and refund payments',
    group: 'payments',
    defaultRoles: ['store-manager'],
  },
];
