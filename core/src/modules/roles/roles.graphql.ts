import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import { AssignmentService, type AssignRoleInput } from './assignment.service.js';
import { grantOf, permissionsOf } from './grants.js';
import { IntegrationTokenService } from './integration-token.service.js';
import { RoleService } from './role.service.js';
import type { CreateRoleInput, CreateStaffInput, CreateTokenInput, UpdateRoleInput, UpdateStaffInput } from './roles.inputs.js';
import { rolesAdminTypeDefs } from './roles.schema.js';
import type { AssignmentView, IntegrationTokenView, RoleView, StaffMemberView } from './roles.views.js';
import { SessionService } from './session.service.js';
import type { StaffListArgs } from './staff-list.js';
import { StaffService } from './staff.service.js';

type Root = unknown;

function resolvers(scope: PluginScope<unknown>): IResolvers<unknown, Ctx> {
  const c = scope.container;
  const staff = () => c.resolve(StaffService);
  const sessions = () => c.resolve(SessionService);
  const roles = () => c.resolve(RoleService);
  const assignments = () => c.resolve(AssignmentService);
  const tokens = () => c.resolve(IntegrationTokenService);
  // One query per level of the tree, whatever the number of staff members or assignments.
  const roleLoader = (ctx: Ctx) => ctx.loaders.get<string, RoleView | null>('roles.roleById', (ids) => roles().byIds(ctx, ids));
  const assignmentLoader = (ctx: Ctx) => ctx.loaders.get<string, AssignmentView[]>('roles.assignmentsByStaff', (ids) => assignments().ofStaff(ctx, ids));
  const assignmentsOf = (m: StaffMemberView, ctx: Ctx) => m.assignments ?? assignmentLoader(ctx).load(m.id);
  return {
    StaffStatus: { ACTIVE: 'active', DISABLED: 'disabled' },
    IntegrationTokenStatus: { ACTIVE: 'active', REVOKED: 'revoked', EXPIRED: 'expired' },
    StaffMember: {
      assignments: (m: StaffMemberView, _: unknown, ctx: Ctx) => assignmentsOf(m, ctx),
      permissions: async (m: StaffMemberView, _: unknown, ctx: Ctx) => {
        if (m.permissions) return m.permissions;
        const held = await assignmentsOf(m, ctx);
        const heldRoles = await roleLoader(ctx).loadMany(held.map((a) => a.roleId));
        return permissionsOf(held.map((a, i) => grantOf((heldRoles[i] as RoleView | null)?.permissions ?? [], a.platformIds, a.locationIds)));
      },
    },
    RoleAssignment: { role: (a: AssignmentView, _: unknown, ctx: Ctx) => roleLoader(ctx).load(a.roleId) },
    IntegrationToken: { role: (t: IntegrationTokenView, _: unknown, ctx: Ctx) => (t.roleId ? roleLoader(ctx).load(t.roleId) : null) },
    Query: {
      me: (_: Root, __: unknown, ctx: Ctx) => staff().me(ctx),
      mySessions: (_: Root, __: unknown, ctx: Ctx) => sessions().mine(ctx),
      staffMembers: (_: Root, args: StaffListArgs, ctx: Ctx) => staff().list(ctx, args),
      staffMember: (_: Root, args: { id: string }, ctx: Ctx) => staff().get(ctx, args.id),
      roles: (_: Root, __: unknown, ctx: Ctx) => roles().list(ctx),
      role: (_: Root, args: { id: string }, ctx: Ctx) => roles().get(ctx, args.id),
      integrationTokens: (_: Root, __: unknown, ctx: Ctx) => tokens().list(ctx),
    },
    Mutation: {
      login: (_: Root, args: { email: string; password: string }, ctx: Ctx) => sessions().login(ctx, args),
      logout: (_: Root, __: unknown, ctx: Ctx) => sessions().logout(ctx),
      changePassword: (_: Root, args: { currentPassword: string; newPassword: string }, ctx: Ctx) => sessions().changePassword(ctx, args),
      revokeSession: (_: Root, args: { id: string }, ctx: Ctx) => sessions().revoke(ctx, args.id),
      createStaffMember: (_: Root, args: { input: CreateStaffInput }, ctx: Ctx) => staff().create(ctx, args.input),
      updateStaffMember: (_: Root, args: { input: UpdateStaffInput }, ctx: Ctx) => staff().update(ctx, args.input),
      disableStaffMember: (_: Root, args: { id: string }, ctx: Ctx) => staff().disable(ctx, args.id),
      resetStaffPassword: (_: Root, args: { id: string; password?: string | null }, ctx: Ctx) => staff().resetPassword(ctx, args.id, args.password),
      createRole: (_: Root, args: { input: CreateRoleInput }, ctx: Ctx) => roles().create(ctx, args.input),
      updateRole: (_: Root, args: { input: UpdateRoleInput }, ctx: Ctx) => roles().update(ctx, args.input),
      deleteRole: (_: Root, args: { id: string }, ctx: Ctx) => roles().delete(ctx, args.id),
      assignRole: (_: Root, args: AssignRoleInput, ctx: Ctx) => assignments().assign(ctx, args),
      removeAssignment: (_: Root, args: { id: string }, ctx: Ctx) => assignments().remove(ctx, args.id),
      createIntegrationToken: (_: Root, args: { input: CreateTokenInput }, ctx: Ctx) => tokens().create(ctx, args.input),
      revokeIntegrationToken: (_: Root, args: { id: string }, ctx: Ctx) => tokens().revoke(ctx, args.id),
    },
  };
}

/** The roles module's slice of the admin API: sign-in, staff, roles, assignments, integration tokens. */
export const rolesAdminGraphQL: GraphQLContribution = { typeDefs: rolesAdminTypeDefs, resolvers };
