import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the processes module. */
export const ProcessPermission = {
  /** See process definitions, versions, bindings, instances and their history. */
  Read: 'processes.read',
  /** Create and edit drafts, validate, dry-run and publish versions. */
  Manage: 'processes.manage',
  /** Choose which published version a platform runs (checked with the platform as the target). */
  Bind: 'processes.bind',
  /** Take staff transitions that name it (mark ready, collected, received…). */
  Transition: 'processes.transition',
  /** Take approval transitions that name it (e.g. a return above an amount). */
  Approve: 'processes.approve',
} as const;

/** The permissions the processes module declares. */
export const processPermissions: PermissionDefinition[] = [
  {
    code: ProcessPermission.Read,
    label: 'See processes',
    description: 'See process definitions, their versions and bindings, and where each order, fulfillment and return stands in its process',
    group: 'processes',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'read-only'],
  },
  {
    code: ProcessPermission.Manage,
    label: 'Edit processes',
    description: 'Create and edit process drafts, validate and dry-run them, and publish new versions',
    group: 'processes',
  },
  {
    code: ProcessPermission.Bind,
    label: 'Choose a platform’s processes',
    description: 'Choose which published process version each platform runs',
    group: 'processes',
  },
  {
    code: ProcessPermission.Transition,
    label: 'Move records on',
    description: 'Take the steps of a process that staff take by hand (mark ready for pickup, collected, received…)',
    group: 'processes',
    defaultRoles: ['store-manager', 'store-associate', 'call-center'],
  },
  {
    code: ProcessPermission.Approve,
    label: 'Approve',
    description: 'Approve what a process holds for a manager’s decision, such as a return above an amount',
    group: 'processes',
    defaultRoles: ['store-manager'],
  },
];
