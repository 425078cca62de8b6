import { randomBytes } from 'node:crypto';
import type { Plaza } from '../kernel/plaza.js';
import { RoleService } from '../modules/roles/role.service.js';
import { StaffService } from '../modules/roles/staff.service.js';
import type { GraphQLClient } from './graphql-client.js';

/** One role to give a test staff member: a role code, or an ad-hoc role of these permissions. */
export type TestRoleGrant = ({ role: string; permissions?: never } | { permissions: string[]; role?: never }) & {
  /** Restrict the role to these platforms (default: every platform). */
  platformIds?: string[];
  /** Restrict the role to these stock locations (default: every location). */
  locationIds?: string[];
};

/** Options of `env.signIn`. */
export interface SignInOptions {
  /** Default: a fresh `staff-<n>@plaza.test`. */
  email?: string;
  name?: string;
  /** The member's role assignments (none: a signed-in member with no permission). */
  roles?: TestRoleGrant[];
}

/** An admin API client signed in as a staff member created for the test, and who that is. */
export type SignedInClient = GraphQLClient & {
  /** The session token (`Authorization: Bearer …`). */
  token: string;
  staffId: string;
  email: string;
  password: string;
};

const LOGIN = /* GraphQL */ `
  mutation TestSignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) { token me { id } }
  }
`;

/**
 * Creates staff members through the roles module's services (as the system) and signs them
 * in through the admin API's `login` mutation — the same path a person takes.
 */
export class StaffSignIn {
  private count = 0;

  constructor(
    private readonly plaza: Plaza,
    private readonly admin: GraphQLClient,
  ) {}

  /** Creates a staff member with `options.roles` and returns a client signed in as them. */
  async signIn(options: SignInOptions = {}): Promise<SignedInClient> {
    const n = ++this.count;
    const email = options.email ?? `staff-${n}@plaza.test`;
    const password = `pw-${randomBytes(12).toString('base64url')}`;
    const ctx = this.plaza.systemCtx();
    const assignments = [];
    for (const [i, grant] of (options.roles ?? []).entries()) {
      const roleCode = grant.role ?? (await this.adHocRole(grant.permissions ?? [], `${n}-${i}`));
      assignments.push({ roleCode, platformIds: grant.platformIds ?? null, locationIds: grant.locationIds ?? null });
    }
    const { staffMember } = await this.plaza.container.resolve(StaffService).create(ctx, { email, name: options.name ?? `Test staff ${n}`, password, assignments });
    const { login } = await this.admin.data<{ login: { token: string } }>(LOGIN, { email, password });
    const client = this.admin.withHeaders({ authorization: `Bearer ${login.token}` });
    return Object.assign(client, { token: login.token, staffId: staffMember.id, email, password });
  }

  private async adHocRole(permissions: string[], suffix: string): Promise<string> {
    const code = `test-role-${suffix}`;
    await this.plaza.container.resolve(RoleService).create(this.plaza.systemCtx(), { code, name: `Test role ${suffix}`, permissions });
    return code;
  }
}
