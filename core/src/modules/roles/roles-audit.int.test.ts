import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { ASSIGN, CREATE_PLATFORM, CREATE_ROLE, CREATE_STAFF, LOGIN } from './__tests__/roles-queries.js';

type Entry = { action: string; entityType: string; entityId: string; platformId: string | null; actorId: string; before: unknown; after: unknown };

describe('audit of staff and role writes', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  it('records every write in the audit log without passwords, hashes or tokens', async () => {
    const owner = env.adminClient;
    const platform = (await owner.data<{ createPlatform: { id: string } }>(CREATE_PLATFORM, { input: { code: 'web', name: 'Web', type: 'headless', currency: 'EUR', locale: 'es-ES' } })).createPlatform.id;
    const created = await owner.data<{ createStaffMember: { staffMember: { id: string }; password: string } }>(CREATE_STAFF, { input: { email: 'gus@shop.example', name: 'Gus' } });
    const staffId = created.createStaffMember.staffMember.id;
    await owner.data('mutation($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { id } }', { input: { id: staffId, name: 'Gustavo' } });
    const role = (await owner.data<{ createRole: { id: string } }>(CREATE_ROLE, { input: { code: 'auditors', name: 'Auditors', permissions: ['audit.read'] } })).createRole.id;
    await owner.data('mutation($input: UpdateRoleInput!) { updateRole(input: $input) { id } }', { input: { id: role, description: 'Read the log' } });
    const assignment = (await owner.data<{ assignRole: { id: string } }>(ASSIGN, { staffId, roleId: role, platformIds: [platform] })).assignRole.id;
    await owner.data('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: assignment });
    await owner.data('mutation($id: ID!) { deleteRole(id: $id) { id } }', { id: role });
    const token = await owner.data<{ createIntegrationToken: { secret: string; token: { id: string } } }>(
      'mutation($input: CreateIntegrationTokenInput!) { createIntegrationToken(input: $input) { secret token { id } } }',
      { input: { name: 'ERP', roleId: (await owner.data<{ roles: { id: string; code: string }[] }>('{ roles { id code } }')).roles.find((r) => r.code === 'read-only')!.id } },
    );
    await owner.data('mutation($id: ID!) { revokeIntegrationToken(id: $id) { id } }', { id: token.createIntegrationToken.token.id });
    const reset = await owner.data<{ resetStaffPassword: { password: string } }>('mutation($id: ID!) { resetStaffPassword(id: $id) { password } }', { id: staffId });
    const { login } = await env.anonymousAdminClient.data<{ login: { token: string } }>(LOGIN, { email: 'gus@shop.example', password: reset.resetStaffPassword.password });
    const gus = env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${login.token}` });
    await gus.data('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }', { c: reset.resetStaffPassword.password, n: 'gus new password 1' });
    await owner.data('mutation($id: ID!) { disableStaffMember(id: $id) { id } }', { id: staffId });

    const { auditLog } = await owner.data<{ auditLog: { edges: { node: Entry }[] } }>(
      '{ auditLog(first: 100) { edges { node { action entityType entityId platformId actorId before after } } } }',
    );
    const entries = auditLog.edges.map((e) => e.node);
    const actions = entries.map((e) => e.action);
    for (const action of ['staff.created', 'staff.updated', 'role.created', 'role.updated', 'staff.role_assigned', 'staff.role_unassigned', 'role.deleted', 'integration_token.created', 'integration_token.revoked', 'staff.password_reset', 'staff.password_changed', 'staff.disabled']) {
      expect(actions, action).toContain(action);
    }
    expect(entries.find((e) => e.action === 'staff.role_assigned')).toMatchObject({ entityId: assignment, platformId: platform, after: { staffId, role: 'auditors', platformIds: [platform] } });
    expect(entries.find((e) => e.action === 'staff.updated')).toMatchObject({ entityId: staffId, before: { name: 'Gus' }, after: { name: 'Gustavo' } });
    expect(entries.find((e) => e.action === 'staff.password_changed')?.actorId).toBe(staffId);
    const text = JSON.stringify(entries);
    for (const secret of [created.createStaffMember.password, reset.resetStaffPassword.password, 'gus new password 1', token.createIntegrationToken.secret, login.token, 'scrypt$']) {
      expect(text).not.toContain(secret);
    }
  });
});
