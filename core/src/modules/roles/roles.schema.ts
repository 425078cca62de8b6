/** Type definitions of the roles module's slice of the admin API. */
export const rolesAdminTypeDefs = /* GraphQL */ `
  enum StaffStatus {
    ACTIVE
    DISABLED
  }

  enum StaffOrderField {
    CREATED_AT
    EMAIL
    NAME
  }

  enum SortDirection {
    ASC
    DESC
  }

  enum IntegrationTokenStatus {
    ACTIVE
    REVOKED
    EXPIRED
  }

  "A named set of permissions. Built-in roles are seeded on first start and can be edited."
  type Role {
    id: ID!
    code: String!
    name: String!
    description: String
    "Permission codes; ['*'] for the owner role (everything, including permissions added later)."
    permissions: [String!]!
    builtIn: Boolean!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "A role held by a staff member, where it applies: null lists mean everywhere."
  type RoleAssignment {
    id: ID!
    staffId: ID!
    role: Role!
    platformIds: [ID!]
    "Stock location ids (locations arrive with the inventory module)."
    locationIds: [ID!]
    createdBy: String
    createdAt: DateTime!
  }

  "A staff account."
  type StaffMember {
    id: ID!
    email: String!
    name: String!
    status: StaffStatus!
    "Set while sign-in is locked after too many failed attempts."
    lockedUntil: DateTime
    failedLoginCount: Int!
    lastLoginAt: DateTime
    createdAt: DateTime!
    updatedAt: DateTime!
    "Role assignments (for other staff: those inside your own scope)."
    assignments: [RoleAssignment!]!
    "Effective permissions from those assignments; ['*'] for an owner."
    permissions: [String!]!
  }

  type StaffMemberEdge {
    cursor: String!
    node: StaffMember!
  }

  type StaffMemberConnection {
    edges: [StaffMemberEdge!]!
    pageInfo: PageInfo!
  }

  input StaffFilter {
    "Part of the email or name (case-insensitive)."
    search: String
    status: StaffStatus
    "Staff holding this role."
    roleId: ID
  }

  input StaffOrder {
    field: StaffOrderField!
    "Defaults to DESC for CREATED_AT, ASC otherwise."
    direction: SortDirection
  }

  "One sign-in session (its token is never shown again)."
  type StaffSession {
    id: ID!
    ip: String
    createdAt: DateTime!
    lastUsedAt: DateTime!
    "The latest it ends: 7 days after sign-in."
    expiresAt: DateTime!
    "When it ends unless used again: 12 hours after the last request."
    idleExpiresAt: DateTime!
    "Is this the session of this request?"
    current: Boolean!
  }

  "A successful sign-in: send the token as Authorization: Bearer <token>."
  type LoginPayload {
    token: String!
    expiresAt: DateTime!
    me: StaffMember!
  }

  "A staff member and the password that was generated for them (shown only this once; null when you chose it)."
  type StaffMemberPasswordPayload {
    staffMember: StaffMember!
    password: String
  }

  "A long-lived API token for scripts and integrations, acting with one role."
  type IntegrationToken {
    id: ID!
    name: String!
    "The last characters of the secret, e.g. pzi_…x9Qa."
    tokenHint: String!
    role: Role
    platformIds: [ID!]
    locationIds: [ID!]
    status: IntegrationTokenStatus!
    createdBy: String
    createdAt: DateTime!
    lastUsedAt: DateTime
    expiresAt: DateTime
    revokedAt: DateTime
  }

  "A new integration token and its secret: store it now, it is not shown again."
  type IntegrationTokenSecret {
    token: IntegrationToken!
    secret: String!
  }

  "A role to give: by id or by code; leave the lists out for everywhere."
  input RoleAssignmentInput {
    roleId: ID
    roleCode: String
    platformIds: [ID!]
    locationIds: [ID!]
  }

  input CreateStaffMemberInput {
    email: String!
    "Defaults to the part of the email before @."
    name: String
    "At least 10 characters; leave it out to have one generated and returned once."
    password: String
    assignments: [RoleAssignmentInput!]
  }

  "Fields left out keep their value. ACTIVE re-enables an account and lifts a sign-in lock."
  input UpdateStaffMemberInput {
    id: ID!
    email: String
    name: String
    status: StaffStatus
  }

  input CreateRoleInput {
    "Lowercase letters, digits and dashes, e.g. stock-counter."
    code: String!
    name: String!
    description: String
    permissions: [String!]!
  }

  "Fields left out keep their value; permissions replaces the whole list."
  input UpdateRoleInput {
    id: ID!
    name: String
    description: String
    permissions: [String!]
  }

  input CreateIntegrationTokenInput {
    name: String!
    roleId: ID!
    platformIds: [ID!]
    locationIds: [ID!]
    expiresAt: DateTime
  }

  type Query {
    "The signed-in staff member with their assignments and effective permissions; null for other callers."
    me: StaffMember
    "Your open sessions, newest first."
    mySessions: [StaffSession!]!
    "Staff members you may see. Needs staff.read; scoped readers see staff of their platforms and staff without roles."
    staffMembers(first: Int, after: String, filter: StaffFilter, orderBy: StaffOrder): StaffMemberConnection!
    staffMember(id: ID!): StaffMember!
    "Every role. Needs roles.read (or staff.manage)."
    roles: [Role!]!
    role(id: ID!): Role!
    "Integration tokens, active first. Needs integrations.manage."
    integrationTokens: [IntegrationToken!]!
  }

  type Mutation {
    "Signs a staff member in. Wrong email or password: UNAUTHENTICATED; too many failures: RATE_LIMITED (LOGIN_LOCKED)."
    login(email: String!, password: String!): LoginPayload!
    "Ends the current session."
    logout: Boolean!
    "Changes your password (the current one is required) and ends your other sessions."
    changePassword(currentPassword: String!, newPassword: String!): StaffMember!
    "Ends one of your sessions (or, with staff.manage over them, another staff member's)."
    revokeSession(id: ID!): StaffSession!
    createStaffMember(input: CreateStaffMemberInput!): StaffMemberPasswordPayload!
    updateStaffMember(input: UpdateStaffMemberInput!): StaffMember!
    "Disables the account and ends its sessions. The last active owner cannot be disabled."
    disableStaffMember(id: ID!): StaffMember!
    "Sets a new password (generated when left out), lifts a sign-in lock, ends the member's sessions."
    resetStaffPassword(id: ID!, password: String): StaffMemberPasswordPayload!
    createRole(input: CreateRoleInput!): Role!
    updateRole(input: UpdateRoleInput!): Role!
    "Deletes a role nobody holds. The owner role cannot be deleted."
    deleteRole(id: ID!): Role!
    "Gives a role, optionally scoped. You can only give permissions you hold for that scope."
    assignRole(staffId: ID!, roleId: ID!, platformIds: [ID!], locationIds: [ID!]): RoleAssignment!
    "Removes an assignment. The last owner keeps the owner role."
    removeAssignment(id: ID!): RoleAssignment!
    "Issues an integration token; the secret is returned only here."
    createIntegrationToken(input: CreateIntegrationTokenInput!): IntegrationTokenSecret!
    revokeIntegrationToken(id: ID!): IntegrationToken!
  }
`;
