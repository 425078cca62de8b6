import { createCtx } from '../../kernel/context.js';
import { definePlugin } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { AdminBearerAuth } from './admin-bearer.js';
import { AssignmentService } from './assignment.service.js';
import { RoleDefaults } from './built-in-roles.js';
import { IntegrationTokenService } from './integration-token.service.js';
import { LoginAttempts } from './login-attempts.js';
import { dummyPasswordHash } from './password-hash.js';
import { RoleService } from './role.service.js';
import { rolesEvents } from './roles.events.js';
import { rolesAdminGraphQL } from './roles.graphql.js';
import { rolesMigrations } from './roles.migrations.js';
import { rolesPermissions } from './roles.permissions.js';
import { seedBaseRoles, seedDemoAdmin } from './roles.seed.js';
import { lazyAuditLog, lazyLocationDirectory, lazyPlatformDirectory, RolesTokens } from './roles.tokens.js';
import { pruneSessionsJob } from './session-prune.job.js';
import { SessionService } from './session.service.js';
import { StaffService } from './staff.service.js';

export { AdminBearerAuth } from './admin-bearer.js';
export { AssignmentService, type AssignRoleInput } from './assignment.service.js';
export { BUILT_IN_ROLES, OWNER_ROLE, READ_ONLY_ROLE, RoleDefaults, defaultRolesOf, type RoleDefaultsResult } from './built-in-roles.js';
export { IntegrationTokenService, type IntegrationTokenSecret } from './integration-token.service.js';
export { LoginPolicy } from './login-throttle.js';
export { LocationDirectoryToken, type LocationDirectory } from './roles.tokens.js';
export { RoleService } from './role.service.js';
export { RolesPermission, rolesPermissions } from './roles.permissions.js';
export { DEMO_ADMIN_EMAIL } from './roles.seed.js';
export { SessionService, type LoginResult } from './session.service.js';
export { StaffService, type StaffWithPassword } from './staff.service.js';
export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-store.js';
export { pruneEndedSessions } from './session-prune.job.js';
export type { AssignmentView, IntegrationTokenView, RoleView, SessionView, StaffMemberView } from './roles.views.js';
export type { CreateRoleInput, CreateStaffInput, CreateTokenInput, UpdateRoleInput, UpdateStaffInput, AssignmentInput } from './roles.inputs.js';
export type { StaffFilter, StaffListArgs, StaffOrder } from './staff-list.js';

const bearers = new WeakMap<object, AdminBearerAuth>();

/**
 * The roles module: staff accounts and sign-in sessions (with brute-force locking), roles of
 * declared permissions with built-in defaults, scoped role assignments with a no-escalation
 * rule, integration tokens, and the admin bearer resolution that turns a session or
 * integration token into an actor with grants. See docs/roles.md.
 */
export const rolesModule = definePlugin({
  name: 'core.roles',
  version: PLAZA_VERSION,
  description: 'Staff accounts, sessions, roles, scoped assignments and integration tokens',
  requires: ['core.audit', 'core.platforms'],
  migrations: rolesMigrations,
  permissions: rolesPermissions,
  events: rolesEvents,
  jobs: [pruneSessionsJob],
  register(scope) {
    const { container } = scope;
    container.registerInstance(RolesTokens.Audit, lazyAuditLog(container));
    container.registerInstance(RolesTokens.Platforms, lazyPlatformDirectory(container));
    container.registerInstance(RolesTokens.Locations, lazyLocationDirectory(container));
    for (const service of [RoleDefaults, RoleService, AssignmentService, StaffService, LoginAttempts, SessionService, IntegrationTokenService, AdminBearerAuth]) {
      container.registerSingleton(service as new (...args: never[]) => unknown);
    }
  },
  exports: [StaffService, SessionService, RoleService, AssignmentService, IntegrationTokenService, RoleDefaults],
  graphql: { admin: rolesAdminGraphQL },
  auth: {
    // On every admin request: one WeakMap lookup instead of a container resolution.
    adminBearer: (token, scope) => {
      let auth = bearers.get(scope.container);
      if (!auth) bearers.set(scope.container, (auth = scope.container.resolve(AdminBearerAuth)));
      return auth.resolve(token);
    },
  },
  seed: { base: seedBaseRoles, demo: seedDemoAdmin },
  async onReady(scope) {
    // A plugin installed since the last start may declare permissions its default roles should get.
    const ctx = createCtx({ db: scope.container.resolve(Tokens.Database), logger: scope.logger });
    const applied = await scope.container.resolve(RoleDefaults).apply(ctx);
    if (applied.permissionsOffered.length > 0 || applied.rolesCreated.length > 0) scope.logger.info(applied, 'built-in roles updated');
    await dummyPasswordHash();
  },
});
