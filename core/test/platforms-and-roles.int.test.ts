import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../src/testing/index.js';

/**
 * Issue 3's walkthrough, through the admin and channel APIs only: a retailer signs in, creates
 * platforms, hands a front end a key, revokes it, disables a platform; a store associate and a
 * store manager scoped to one platform cannot see or touch the other on any path; an owner sees
 * both; every write is in the audit log.
 */
const CREATE_PLATFORM = `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id code } }`;
const CREATE_KEY = `mutation($id: ID!) { createPlatformKey(platformId: $id, label: "storefront") { key { id prefix } secret } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokePlatformKey(id: $id) { id revokedAt } }`;
const DISABLE = `mutation($id: ID!) { disablePlatform(id: $id) { id status } }`;
const PLATFORM = `query($id: ID!) { platform(id: $id) { id code } }`;
const PLATFORMS = `{ platforms(first: 50) { edges { node { id code } } } }`;
const KEYS = `query($id: ID!) { platformKeys(platformId: $id) { id } }`;
const UPDATE = `mutation($input: UpdatePlatformInput!) { updatePlatform(input: $input) { id name } }`;
const STAFF = `{ staffMembers(first: 50) { edges { node { email assignments { platformIds role { code } } } } } }`;
const AUDIT = `query($filter: AuditFilter) { auditLog(first: 100, filter: $filter) { edges { node { action entityId platformId actorId } } } }`;

type AuditData = { auditLog: { edges: { node: { action: string; entityId: string; platformId: string | null; actorId: string } }[] } };

describe('platforms and roles, end to end', () => {
  let env: TestEnvironment;
  let admin: GraphQLClient;
  let ownerId: string;
  let a: { id: string; code: string };
  let b: { id: string; code: string };

  beforeAll(async () => {
    env = await createTestEnvironment();
    const owner = await env.signIn({ email: 'owner2@shop.test', roles: [{ role: 'owner' }] });
    ownerId = owner.staffId;
    const login = await env.anonymousAdminClient.data<{ login: { token: string; me: { email: string; permissions: string[] } } }>(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token me { email permissions } } }',
      { e: owner.email, p: owner.password },
    );
    expect(login.login.me).toEqual({ email: 'owner2@shop.test', permissions: ['*'] });
    admin = env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${login.login.token}` });
    const input = (code: string) => ({ code, name: code.toUpperCase(), type: 'headless', currency: 'EUR', locale: 'es-ES' });
    a = (await admin.data<{ createPlatform: { id: string; code: string } }>(CREATE_PLATFORM, { input: input('store-a') })).createPlatform;
    b = (await admin.data<{ createPlatform: { id: string; code: string } }>(CREATE_PLATFORM, { input: input('store-b') })).createPlatform;
  });
  afterAll(() => env?.close());

  it('issues a key that works on /graphql, stops working when revoked, and a disabled platform refuses every key', async () => {
    const first = (await admin.data<{ createPlatformKey: { key: { id: string }; secret: string } }>(CREATE_KEY, { id: a.id })).createPlatformKey;
    const storefront = env.channelClient(first.secret);
    expect((await storefront.data<{ platform: { code: string } }>('{ platform { code } }')).platform.code).toBe('store-a');
    await admin.data(REVOKE_KEY, { id: first.key.id });
    const revoked = await storefront.query('{ platform { code } }');
    expect(revoked.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_KEY_REVOKED' });

    const second = (await admin.data<{ createPlatformKey: { secret: string } }>(CREATE_KEY, { id: b.id })).createPlatformKey;
    expect((await env.channelClient(second.secret).data<{ platform: { code: string } }>('{ platform { code } }')).platform.code).toBe('store-b');
    expect((await admin.data<{ disablePlatform: { status: string } }>(DISABLE, { id: b.id })).disablePlatform.status).toBe('DISABLED');
    const disabled = await env.channelClient(second.secret).query('{ platform { code } }');
    expect(disabled.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_DISABLED' });
  });

  it('keeps a store associate scoped to A out of B on every path, while the owner sees both', async () => {
    const associate = await env.signIn({ roles: [{ role: 'store-associate', platformIds: [a.id] }] });
    const listed = await associate.data<{ platforms: { edges: { node: { id: string } }[] } }>(PLATFORMS);
    expect(listed.platforms.edges.map((e) => e.node.id)).toEqual([a.id]);
    expect((await associate.data<{ platform: { id: string } }>(PLATFORM, { id: a.id })).platform.id).toBe(a.id);
    for (const [query, variables] of [
      [PLATFORM, { id: b.id }],
      [KEYS, { id: b.id }],
      [UPDATE, { input: { id: b.id, name: 'Taken over' } }],
      [CREATE_KEY, { id: b.id }],
    ] as const) {
      const result = await associate.query(query, variables);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const owner = await admin.data<{ platforms: { edges: { node: { id: string } }[] } }>(PLATFORMS);
    expect(owner.platforms.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("shows a store manager scoped to A only A's staff assignments (nested) and A's audit entries", async () => {
    await env.signIn({ email: 'ana@shop.test', roles: [{ role: 'store-associate', platformIds: [a.id] }] });
    await env.signIn({ email: 'bo@shop.test', roles: [{ role: 'store-associate', platformIds: [b.id] }] });
    const manager = await env.signIn({ roles: [{ role: 'store-manager', platformIds: [a.id] }] });
    const staff = await manager.data<{ staffMembers: { edges: { node: { email: string; assignments: { platformIds: string[] | null }[] } }[] } }>(STAFF);
    const emails = staff.staffMembers.edges.map((e) => e.node.email);
    expect(emails).toContain('ana@shop.test');
    expect(emails).not.toContain('bo@shop.test');
    for (const edge of staff.staffMembers.edges) {
      for (const assignment of edge.node.assignments) expect(assignment.platformIds).toEqual([a.id]);
    }
    const audit = await manager.data<AuditData>(AUDIT, { filter: { entityType: 'platform' } });
    expect(audit.auditLog.edges.length).toBeGreaterThan(0);
    expect(new Set(audit.auditLog.edges.map((e) => e.node.platformId))).toEqual(new Set([a.id]));
  });

  it('records every write of the walkthrough in the audit log, by the staff member who made it', async () => {
    const { auditLog } = await admin.data<AuditData>(AUDIT, { filter: { actorId: ownerId } });
    const actions = auditLog.edges.map((e) => `${e.node.action}:${e.node.platformId}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `platform.created:${a.id}`,
        `platform.created:${b.id}`,
        `platform_key.created:${a.id}`,
        `platform_key.revoked:${a.id}`,
        `platform_key.created:${b.id}`,
        `platform.disabled:${b.id}`,
      ]),
    );
    const denied = await env.adminClient.data<AuditData>(AUDIT, { filter: { entityId: b.id, action: 'platform.updated' } });
    expect(denied.auditLog.edges).toEqual([]);
  });
});
