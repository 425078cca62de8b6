import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { RolesTables as T } from './roles.tables.js';
import { CREATE_ROLE, ROLES } from './__tests__/roles-queries.js';

type Role = { id: string; code: string };
type Issued = { createIntegrationToken: { secret: string; token: { id: string; tokenHint: string; status: string; role: { code: string } } } };

const CREATE = 'mutation($input: CreateIntegrationTokenInput!) { createIntegrationToken(input: $input) { secret token { id name tokenHint status role { code } platformIds } } }';
const LIST = '{ integrationTokens { id name tokenHint status lastUsedAt revokedAt } }';

describe('integration tokens', () => {
  let env: TestEnvironment;
  let roles: Record<string, Role>;
  beforeAll(async () => {
    env = await createTestEnvironment();
    roles = Object.fromEntries((await env.adminClient.data<{ roles: Role[] }>(ROLES)).roles.map((r) => [r.code, r]));
  });
  afterAll(() => env?.close());

  const as = (secret: string) => env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${secret}` });

  it('are shown once, authenticate as an integration with their role, record their last use, and stop when revoked', async () => {
    const issued = (await env.adminClient.data<Issued>(CREATE, { input: { name: 'BI export', roleId: roles['read-only']!.id } })).createIntegrationToken;
    expect(issued.secret).toMatch(/^pzi_[A-Za-z0-9_-]{43}$/);
    expect(issued.token).toMatchObject({ tokenHint: `pzi_…${issued.secret.slice(-4)}`, status: 'ACTIVE', role: { code: 'read-only' } });

    const bi = as(issued.secret);
    const { viewer } = await bi.data<{ viewer: { kind: string; id: string; permissions: string[] } }>('{ viewer { kind id permissions } }');
    expect(viewer).toMatchObject({ kind: 'integration', id: issued.token.id });
    expect(viewer.permissions).toContain('roles.read');
    expect((await bi.data<{ roles: Role[] }>(ROLES)).roles.length).toBeGreaterThan(0);
    expect((await bi.data<{ me: null }>('{ me { id } }')).me).toBeNull();
    expect((await bi.query(CREATE_ROLE, { input: { code: 'from-bi', name: 'x', permissions: [] } })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });

    const listed = await env.adminClient.data<{ integrationTokens: { id: string; lastUsedAt: string | null }[] }>(LIST);
    expect(listed.integrationTokens.find((t) => t.id === issued.token.id)?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(issued.secret);
    const stored = await env.plaza.db(T.integrationToken).where('id', issued.token.id).first();
    expect(JSON.stringify(stored)).not.toContain(issued.secret);

    const revoked = await env.adminClient.data<{ revokeIntegrationToken: { status: string; revokedAt: string } }>('mutation($id: ID!) { revokeIntegrationToken(id: $id) { status revokedAt } }', { id: issued.token.id });
    expect(revoked.revokeIntegrationToken.status).toBe('REVOKED');
    const refused = await bi.query(ROLES);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' } });
    expect(refused.errors?.[0]?.message).toContain('revoked');
  });

  it('refuse expired and unknown tokens, saying which', async () => {
    const issued = (await env.adminClient.data<Issued>(CREATE, { input: { name: 'Nightly', roleId: roles['read-only']!.id, expiresAt: new Date(Date.now() + 3600_000).toISOString() } })).createIntegrationToken;
    await env.plaza.db(T.integrationToken).where('id', issued.token.id).update({ expires_at: Date.now() - 1 });
    expect((await as(issued.secret).query(ROLES)).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    expect((await as('pzi_unknownunknownunknownunknownunknownunknow').query(ROLES)).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
    const past = await env.adminClient.query(CREATE, { input: { name: 'Past', roleId: roles['read-only']!.id, expiresAt: '2001-01-01T00:00:00Z' } });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'expiresAt' }] });
  });

  it('need integrations.manage, and get no more than their creator holds', async () => {
    expect((await env.limitedAdminClient.query(LIST)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    const integrator = await env.signIn({ roles: [{ permissions: ['integrations.manage', 'roles.read', 'staff.read'] }] });
    const escalate = await integrator.query(CREATE, { input: { name: 'Root', roleId: roles.owner!.id } });
    expect(escalate.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_ESCALATION' });
    const { createRole } = await env.adminClient.data<{ createRole: Role }>(CREATE_ROLE, { input: { code: 'staff-reader', name: 'Staff reader', permissions: ['staff.read'] } });
    const ok = await integrator.data<Issued>(CREATE, { input: { name: 'HR sync', roleId: createRole.id } });
    const hr = as(ok.createIntegrationToken.secret);
    expect((await hr.data<{ staffMembers: { edges: unknown[] } }>('{ staffMembers { edges { node { email } } } }')).staffMembers.edges.length).toBeGreaterThan(0);
  });
});
