import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type SignedInClient, type TestEnvironment } from '../../testing/index.js';
import { ASSIGN, CREATE_PLATFORM, CREATE_ROLE, CREATE_STAFF, ME, ROLES } from './__tests__/roles-queries.js';

type Role = { id: string; code: string };
type Staff = { id: string; email: string; assignments: { id: string; role: { code: string }; platformIds: string[] | null }[] };
type Errorish = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

const STAFF = 'query($id: ID!) { staffMember(id: $id) { id email permissions assignments { id platformIds role { code } } } }';
const LIST = '{ staffMembers(first: 50) { edges { node { email assignments { platformIds role { code } } } } } }';

describe('scoped role assignments', () => {
  let env: TestEnvironment;
  let roles: Record<string, Role>;
  let a: string;
  let b: string;
  let manager: SignedInClient;

  beforeAll(async () => {
    env = await createTestEnvironment();
    roles = Object.fromEntries((await env.adminClient.data<{ roles: Role[] }>(ROLES)).roles.map((r) => [r.code, r]));
    const platform = async (code: string) =>
      (await env.adminClient.data<{ createPlatform: { id: string } }>(CREATE_PLATFORM, { input: { code, name: code, type: 'headless', currency: 'EUR', locale: 'es-ES' } })).createPlatform.id;
    a = await platform('store-a');
    b = await platform('store-b');
    manager = await env.signIn({ email: 'manager-a@shop.example', roles: [{ role: 'store-manager', platformIds: [a] }] });
  });
  afterAll(() => env?.close());

  const expectError = (result: Errorish, code: string, reason: string) => expect(result.errors?.[0]?.extensions).toMatchObject({ code, reason });
  const createStaff = (client: SignedInClient, email: string, assignments: unknown[]) =>
    client.data<{ createStaffMember: { staffMember: Staff; password: string | null } }>(CREATE_STAFF, { input: { email, assignments } });

  it('a scoped manager hires for their own store, sees only its staff and only its assignments', async () => {
    const { createStaffMember } = await createStaff(manager, 'ana@shop.example', [{ roleCode: 'store-associate', platformIds: [a] }]);
    expect(createStaffMember.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(createStaffMember.staffMember.assignments).toEqual([expect.objectContaining({ platformIds: [a], role: { code: 'store-associate' } })]);
    const other = (await createStaff(env.adminClient as SignedInClient, 'bob@shop.example', [{ roleCode: 'store-associate', platformIds: [b] }])).createStaffMember.staffMember;
    await env.adminClient.data(ASSIGN, { staffId: createStaffMember.staffMember.id, roleId: roles['call-center']!.id, platformIds: [b] });

    const list = await manager.data<{ staffMembers: { edges: { node: Staff }[] } }>(LIST);
    const emails = list.staffMembers.edges.map((e) => e.node.email);
    expect(emails).toContain('ana@shop.example');
    expect(emails).toContain('manager-a@shop.example');
    expect(emails).not.toContain('bob@shop.example');
    expect(emails).not.toContain('owner@plaza.test');
    const ana = list.staffMembers.edges.find((e) => e.node.email === 'ana@shop.example')!.node;
    expect(ana.assignments).toEqual([{ platformIds: [a], role: { code: 'store-associate' } }]);
    expect((await manager.query(STAFF, { id: other.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ownerView = await env.adminClient.data<{ staffMember: Staff }>(STAFF, { id: createStaffMember.staffMember.id });
    expect(ownerView.staffMember.assignments).toHaveLength(2);
  });

  it('a scoped manager cannot give roles outside their scope or beyond their own permissions', async () => {
    const target = (await createStaff(manager, 'cleo@shop.example', [])).createStaffMember.staffMember;
    const assign = (roleId: string, platformIds: string[] | null) => manager.query(ASSIGN, { staffId: target.id, roleId, platformIds });
    expectError(await assign(roles['store-associate']!.id, [b]), 'FORBIDDEN', 'SCOPE_MISSING');
    expectError(await assign(roles['store-associate']!.id, [a, b]), 'FORBIDDEN', 'SCOPE_MISSING');
    expectError(await assign(roles['store-associate']!.id, null), 'FORBIDDEN', 'SCOPE_MISSING');
    const owner = await assign(roles.owner!.id, [a]);
    expectError(owner, 'FORBIDDEN', 'PERMISSION_ESCALATION');
    expect(owner.errors?.[0]?.message).toContain('every permission');
    const { createRole } = await env.adminClient.data<{ createRole: Role }>(CREATE_ROLE, { input: { code: 'platform-admin', name: 'Platform admin', permissions: ['platforms.manage', 'platforms.read'] } });
    const escalate = await assign(createRole.id, [a]);
    expectError(escalate, 'FORBIDDEN', 'PERMISSION_ESCALATION');
    expect(escalate.errors?.[0]?.message).toContain('platforms.manage');
    expectError(await manager.query(CREATE_STAFF, { input: { email: 'dina@shop.example', assignments: [{ roleCode: 'owner' }] } }), 'FORBIDDEN', 'SCOPE_MISSING');
    expect((await env.adminClient.query('{ staffMembers(filter: { search: "dina" }) { edges { node { id } } } }')).data).toEqual({ staffMembers: { edges: [] } });
    const ok = await manager.data<{ assignRole: { platformIds: string[] } }>(ASSIGN, { staffId: target.id, roleId: roles['store-associate']!.id, platformIds: [a] });
    expect(ok.assignRole.platformIds).toEqual([a]);
    expectError(await manager.query(ASSIGN, { staffId: target.id, roleId: roles['store-associate']!.id, platformIds: [a] }), 'CONFLICT', 'ASSIGNMENT_EXISTS');
  });

  it('a scoped manager cannot change, disable or strip staff more powerful than themselves', async () => {
    const bob = (await env.adminClient.data<{ staffMembers: { edges: { node: Staff }[] } }>('{ staffMembers(filter: { search: "bob@" }) { edges { node { id email assignments { id platformIds role { code } } } } } }')).staffMembers.edges[0]!.node;
    expectError(await manager.query('mutation($id: ID!) { disableStaffMember(id: $id) { id } }', { id: bob.id }), 'FORBIDDEN', 'STAFF_OUT_OF_SCOPE');
    expectError(await manager.query('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: bob.assignments[0]!.id }), 'FORBIDDEN', 'SCOPE_MISSING');
    const { me } = await env.adminClient.data<{ me: Staff }>(ME);
    expectError(await manager.query('mutation($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { id } }', { input: { id: me.id, name: 'Hacked' } }), 'FORBIDDEN', 'STAFF_OUT_OF_SCOPE');
    expectError(await manager.query('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: me.assignments[0]!.id }), 'FORBIDDEN', 'SCOPE_MISSING');
  });

  it('validates platform ids and inputs with field errors', async () => {
    const target = (await createStaff(env.adminClient as SignedInClient, 'eli@shop.example', [])).createStaffMember.staffMember;
    const unknown = await env.adminClient.query(ASSIGN, { staffId: target.id, roleId: roles['store-associate']!.id, platformIds: [a, 'plat_nope'] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLATFORM_UNKNOWN', fields: [{ path: 'platformIds.1' }] });
    const bad = await env.adminClient.query(CREATE_STAFF, { input: { email: 'not-an-email', password: 'short', assignments: [{ roleCode: 'nope' }] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'email' }, { path: 'password' }] });
    const role = await env.adminClient.query(CREATE_STAFF, { input: { email: 'fay@shop.example', assignments: [{ roleCode: 'nope' }] } });
    expect(role.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ROLE_UNKNOWN', fields: [{ path: 'assignments.0.roleCode' }] });
    const dup = await env.adminClient.query(CREATE_STAFF, { input: { email: 'ELI@shop.example' } });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STAFF_EMAIL_TAKEN', fields: [{ path: 'email' }] });
  });

  it('keeps the last owner: their owner role cannot be removed nor their account disabled', async () => {
    const { me } = await env.adminClient.data<{ me: Staff }>(ME);
    const ownerAssignment = me.assignments.find((x) => x.role.code === 'owner')!;
    const scopedOwner = await env.signIn({ roles: [{ role: 'owner', platformIds: [a] }] });
    expectError(await env.adminClient.query('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: ownerAssignment.id }), 'CONFLICT', 'LAST_OWNER');
    expectError(await env.adminClient.query('mutation($id: ID!) { disableStaffMember(id: $id) { id } }', { id: me.id }), 'CONFLICT', 'LAST_OWNER');
    expectError(await scopedOwner.query('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: ownerAssignment.id }), 'FORBIDDEN', 'SCOPE_MISSING');

    const second = await env.signIn({ roles: [{ role: 'owner' }] });
    const secondAssignment = (await second.data<{ me: Staff }>(ME)).me.assignments[0]!;
    await env.adminClient.data('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: secondAssignment.id });
    await env.adminClient.data(ASSIGN, { staffId: second.staffId, roleId: roles.owner!.id });
    await env.adminClient.data('mutation($id: ID!) { disableStaffMember(id: $id) { status } }', { id: second.staffId });
    expectError(await env.adminClient.query('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: ownerAssignment.id }), 'CONFLICT', 'LAST_OWNER');
  });
});
