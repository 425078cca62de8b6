import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CREATE_ROLE, ROLES } from './__tests__/roles-queries.js';

type Role = { id: string; code: string; permissions: string[]; builtIn: boolean };

describe('roles admin API', () => {
  let env: TestEnvironment;
  let byCode: Record<string, Role>;
  beforeAll(async () => {
    env = await createTestEnvironment();
    byCode = Object.fromEntries((await env.adminClient.data<{ roles: Role[] }>(ROLES)).roles.map((r) => [r.code, r]));
  });
  afterAll(() => env?.close());

  it('creates a role of declared permissions and refuses unknown ones, naming them', async () => {
    const { createRole } = await env.adminClient.data<{ createRole: Role }>(CREATE_ROLE, {
      input: { code: 'stock-counter', name: 'Stock counter', permissions: ['platforms.read', 'audit.read', 'platforms.read'] },
    });
    expect(createRole.permissions).toEqual(['audit.read', 'platforms.read']);
    const unknown = await env.adminClient.query(CREATE_ROLE, { input: { code: 'typo', name: 'Typo', permissions: ['platforms.read', 'orders.raed', 'stock.count'] } });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Unknown permission(s): orders.raed, stock.count',
      extensions: { code: 'BAD_USER_INPUT', reason: 'PERMISSION_UNKNOWN', fields: [{ path: 'permissions.1' }, { path: 'permissions.2' }] },
    });
    const star = await env.adminClient.query(CREATE_ROLE, { input: { code: 'almighty', name: 'Almighty', permissions: ['*'] } });
    expect(star.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERMISSION_WILDCARD_RESERVED' });
    const badCode = await env.adminClient.query(CREATE_ROLE, { input: { code: 'Bad Code', name: '', permissions: [] } });
    expect(badCode.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'code' }), expect.objectContaining({ path: 'name' })]);
    const taken = await env.adminClient.query(CREATE_ROLE, { input: { code: 'stock-counter', name: 'Again', permissions: [] } });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_CODE_TAKEN' });
  });

  it('edits built-in roles but keeps the owner role whole', async () => {
    const marketing = byCode.marketing!;
    const { updateRole } = await env.adminClient.data<{ updateRole: Role }>('mutation($input: UpdateRoleInput!) { updateRole(input: $input) { id permissions builtIn } }', {
      input: { id: marketing.id, permissions: [...marketing.permissions, 'platforms.read'] },
    });
    expect(updateRole.permissions).toContain('platforms.read');
    const narrow = await env.adminClient.query('mutation($input: UpdateRoleInput!) { updateRole(input: $input) { id } }', { input: { id: byCode.owner!.id, permissions: ['platforms.read'] } });
    expect(narrow.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OWNER_ROLE_FIXED' });
    const renamed = await env.adminClient.data<{ updateRole: { name: string; permissions: string[] } }>('mutation($input: UpdateRoleInput!) { updateRole(input: $input) { name permissions } }', {
      input: { id: byCode.owner!.id, name: 'Propietario' },
    });
    expect(renamed.updateRole).toEqual({ name: 'Propietario', permissions: ['*'] });
    const deleteOwner = await env.adminClient.query('mutation($id: ID!) { deleteRole(id: $id) { id } }', { id: byCode.owner!.id });
    expect(deleteOwner.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OWNER_ROLE_PROTECTED' });
  });

  it('deletes only roles nobody holds', async () => {
    const { createRole } = await env.adminClient.data<{ createRole: Role }>(CREATE_ROLE, { input: { code: 'temp', name: 'Temp', permissions: ['audit.read'] } });
    const member = await env.signIn({ roles: [{ role: 'temp' }] });
    const inUse = await env.adminClient.query('mutation($id: ID!) { deleteRole(id: $id) { id } }', { id: createRole.id });
    expect(inUse.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_IN_USE' });
    const { me } = await member.data<{ me: { assignments: { id: string }[] } }>('{ me { assignments { id } } }');
    await env.adminClient.data('mutation($id: ID!) { removeAssignment(id: $id) { id } }', { id: me.assignments[0]!.id });
    await env.adminClient.data('mutation($id: ID!) { deleteRole(id: $id) { code } }', { id: createRole.id });
    expect((await env.adminClient.query('query($id: ID!) { role(id: $id) { id } }', { id: createRole.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets only roles.manage change roles, and never beyond what the editor holds', async () => {
    const reader = await env.signIn({ roles: [{ role: 'read-only' }] });
    expect((await reader.data<{ roles: Role[] }>(ROLES)).roles.length).toBeGreaterThanOrEqual(6);
    const denied = await reader.query(CREATE_ROLE, { input: { code: 'x-role', name: 'X', permissions: [] } });
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    const editor = await env.signIn({ roles: [{ permissions: ['roles.manage', 'roles.read', 'audit.read'] }] });
    const escalate = await editor.query(CREATE_ROLE, { input: { code: 'sneaky', name: 'Sneaky', permissions: ['audit.read', 'platforms.manage'] } });
    expect(escalate.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'PERMISSION_ESCALATION' } });
    expect(escalate.errors?.[0]?.message).toContain('platforms.manage');
    await editor.data(CREATE_ROLE, { input: { code: 'auditor', name: 'Auditor', permissions: ['audit.read'] } });
    expect((await env.limitedAdminClient.query(ROLES)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
