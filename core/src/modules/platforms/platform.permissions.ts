import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the platforms module. */
export const PlatformPermission = {
  /** See platforms, their settings, types and (masked) keys. */
  Read: 'platforms.read',
  /** Create platforms (needs an unscoped grant), edit, disable and enable them. */
  Manage: 'platforms.manage',
  /** Issue, revoke and rotate a platform's publishable keys. */
  KeysManage: 'platform_keys.manage',
} as const;

/** The permissions the platforms module declares, for the roles module's catalogue. */
export const platformPermissions: PermissionDefinition[] = [
  {
    code: PlatformPermission.Read,
    label: 'See platforms',
    description: 'See the sales channels (platforms), their settings and their masked keys',
    group: 'platforms',
    defaultRoles: ['store-manager', 'store-associate', 'call-center', 'marketing', 'read-only'],
  },
  {
    code: PlatformPermission.Manage,
    label: 'Manage platforms',
    description: 'Create sales channels, change their settings, disable and enable them',
    group: 'platforms',
    defaultRoles: [],
  },
  {
    code: PlatformPermission.KeysManage,
    label: 'Manage platform keys',
    description: 'Issue, revoke and rotate the publishable keys front ends use to reach a platform',
    group: 'platforms',
    defaultRoles: ['store-manager'],
  },
];
