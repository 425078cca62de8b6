import type { PermissionDefinition } from '../../kernel/plugin.js';

/** Permission codes of the roles module. */
export const RolesPermission = {
  /** See staff members and their role assignments. */
  StaffRead: 'staff.read',
  /** Create, change and disable staff members; assign and remove roles (within one's own scope). */
  StaffManage: 'staff.manage',
  /** See roles and their permissions. */
  RolesRead: 'roles.read',
  /** Create, change and delete roles. */
  RolesManage: 'roles.manage',
  /** Create and revoke integration tokens. */
  IntegrationsManage: 'integrations.manage',
} as const;

/** The permissions the roles module declares. */
export const rolesPermissions: PermissionDefinition[] = [
  {
    code: RolesPermission.StaffRead,
    label: 'See staff',
    group: 'staff',
    description: 'See staff members and their role assignments',
    defaultRoles: ['store-manager'],
  },
  {
    code: RolesPermission.StaffManage,
    label: 'Manage staff',
    group: 'staff',
    description: 'Create, change and disable staff members, and give them roles within your own scope',
    defaultRoles: ['store-manager'],
  },
  { code: RolesPermission.RolesRead, label: 'See roles', group: 'roles', description: 'See roles and the permissions they grant', defaultRoles: ['store-manager'] },
  { code: RolesPermission.RolesManage, label: 'Manage roles', group: 'roles', description: 'Create, change and delete roles' },
  {
    code: RolesPermission.IntegrationsManage,
    label: 'Manage integration tokens',
    group: 'roles',
    description: 'Create and revoke long-lived API tokens for scripts and integrations',
  },
];
