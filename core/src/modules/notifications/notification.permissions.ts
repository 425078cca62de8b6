import type { PermissionDefinition } from '../../kernel/plugin.js';

export const NotificationPermission = {
  /** See sent messages, templates and previews. */
  Read: 'notifications.read',
} as const;

export const notificationPermissions: PermissionDefinition[] = [
  {
    code: NotificationPermission.Read,
    label: 'See customer messages',
    description: 'See the messages sent to customers (template, channel, status — not their content), the message templates and previews',
    group: 'notifications',
    defaultRoles: ['store-manager', 'call-center', 'read-only'],
  },
];
