/** GraphQL documents shared by the roles module's tests. */
export const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { token expiresAt me { id email name permissions assignments { id role { code } platformIds } } }
  }
`;

/** `me` with permissions and assignments. */
export const ME = /* GraphQL */ `
  { me { id email name status permissions assignments { id platformIds locationIds role { code } } } }
`;

/** Creates a staff member. */
export const CREATE_STAFF = /* GraphQL */ `
  mutation CreateStaff($input: CreateStaffMemberInput!) {
    createStaffMember(input: $input) { password staffMember { id email name status permissions assignments { id role { code } platformIds } } }
  }
`;

/** Gives a role. */
export const ASSIGN = /* GraphQL */ `
  mutation Assign($staffId: ID!, $roleId: ID!, $platformIds: [ID!], $locationIds: [ID!]) {
    assignRole(staffId: $staffId, roleId: $roleId, platformIds: $platformIds, locationIds: $locationIds) { id platformIds role { code } }
  }
`;

/** Every role with its permissions. */
export const ROLES = /* GraphQL */ `{ roles { id code name permissions builtIn } }`;

/** Creates a role. */
export const CREATE_ROLE = /* GraphQL */ `
  mutation CreateRole($input: CreateRoleInput!) { createRole(input: $input) { id code permissions } }
`;

/** Creates a headless platform (platforms module). */
export const CREATE_PLATFORM = /* GraphQL */ `
  mutation CreatePlatform($input: CreatePlatformInput!) { createPlatform(input: $input) { id code } }
`;
