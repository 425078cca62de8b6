import type { PermissionDefinition } from '../kernel/plugin.js';

/** Permission codes of the events subsystem. */
export const EventPermission = {
  /** Create, change, delete webhook subscriptions; see and redeliver their deliveries. */
  WebhooksManage: 'webhooks.manage',
  /** See dead-lettered event deliveries. */
  Read: 'events.read',
  /** Send a dead-lettered delivery again. */
  Retry: 'events.retry',
} as const;

/** The permissions the events subsystem declares, for the roles module. */
export const eventPermissions: PermissionDefinition[] = [
  { code: EventPermission.WebhooksManage, description: 'Manage outbound webhook subscriptions, see their deliveries and redeliver failed ones' },
  { code: EventPermission.Read, description: 'See event deliveries that failed for good (dead letters)' },
  { code: EventPermission.Retry, description: 'Retry dead-lettered event deliveries' },
];
