import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { Q, createKey, createPlatform, createScopedAuthPlugin, scopedGrant, type IssuedKey, type PlatformNode, type PlatformPage } from './__tests__/platforms-harness.js';

const ALL = ['platforms.read', 'platforms.manage', 'platform_keys.manage'];

describe('platform permissions and scopes, enforced in the service', () => {
  let env: TestEnvironment;
  let associate: GraphQLClient;
  let reader: GraphQLClient;
  let a: PlatformNode;
  let b: PlatformNode;
  let keyA: IssuedKey;
  let keyB: IssuedKey;

  beforeAll(async () => {
    const auth = createScopedAuthPlugin();
    env = await createTestEnvironment({ plugins: [auth.plugin] });
    a = await createPlatform(env.adminClient, { name: 'Store A' });
    b = await createPlatform(env.adminClient, { name: 'Store B' });
    keyA = await createKey(env.adminClient, a.id);
    keyB = await createKey(env.adminClient, b.id);
    auth.grants.set('associate-a', [scopedGrant(ALL, [a.id])]);
    auth.grants.set('reader-a', [scopedGrant(['platforms.read'], [a.id])]);
    const admin = env.anonymousAdminClient;
    associate = admin.withHeaders({ authorization: 'Bearer associate-a' });
    reader = admin.withHeaders({ authorization: 'Bearer reader-a' });
  });
  afterAll(() => env?.close());

  function expectForbidden(result: { errors?: { extensions?: Record<string, unknown> }[] }, reason = 'SCOPE_MISSING'): void {
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason });
  }

  it('reads: A is visible, B is FORBIDDEN, and lists hold only A', async () => {
    expect((await associate.data<{ platform: PlatformNode }>(Q.get, { id: a.id })).platform.id).toBe(a.id);
    expectForbidden(await associate.query(Q.get, { id: b.id }));
    expectForbidden(await associate.query(Q.keys, { platformId: b.id }));
    // A platform id that does not exist is FORBIDDEN too for scoped staff (no existence probe).
    expectForbidden(await associate.query(Q.get, { id: 'plat_nope' }));
    const { platforms } = await associate.data<PlatformPage>(Q.list, { first: 100 });
    expect(platforms.edges.map((e) => e.node.id)).toEqual([a.id]);
    const searched = await associate.data<PlatformPage>(Q.list, { filter: { search: 'Store' } });
    expect(searched.platforms.edges.map((e) => e.node.id)).toEqual([a.id]);
    // The owner sees both.
    const owner = await env.adminClient.data<PlatformPage>(Q.list, { first: 100 });
    expect(owner.platforms.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('writes: B is FORBIDDEN for edits, status changes and every key mutation; A works', async () => {
    expectForbidden(await associate.query(Q.update, { input: { id: b.id, name: 'Mine now' } }));
    expectForbidden(await associate.query(Q.disable, { id: b.id }));
    expectForbidden(await associate.query(Q.enable, { id: b.id }));
    expectForbidden(await associate.query(Q.createKey, { platformId: b.id, label: 'x' }));
    expectForbidden(await associate.query(Q.revokeKey, { id: keyB.key.id }));
    expectForbidden(await associate.query(Q.rotateKey, { id: keyB.key.id }));
    const untouched = await env.adminClient.data<{ platform: PlatformNode }>(Q.get, { id: b.id });
    expect(untouched.platform).toMatchObject({ name: 'Store B', status: 'ACTIVE' });
    expect((await env.channelClient(keyB.secret).query('{ platform { id } }')).errors).toBeUndefined();

    const renamed = await associate.data<{ updatePlatform: PlatformNode }>(Q.update, { input: { id: a.id, name: 'Store A (centre)' } });
    expect(renamed.updatePlatform.name).toBe('Store A (centre)');
    const rotated = await associate.data<{ rotatePlatformKey: IssuedKey }>(Q.rotateKey, { id: keyA.key.id });
    expect(rotated.rotatePlatformKey.secret).toMatch(/^pk_/);
  });

  it('creating a platform needs platforms.manage for every platform', async () => {
    const result = await associate.query(Q.create, { input: { code: 'rogue', name: 'Rogue', type: 'headless', currency: 'EUR', locale: 'es' } });
    expectForbidden(result);
    expect(result.errors?.[0]?.message).toContain('platforms.manage');
  });

  it('a read-only grant cannot write, staff without the permission cannot read, anonymous must sign in', async () => {
    expectForbidden(await reader.query(Q.update, { input: { id: a.id, name: 'x' } }), 'PERMISSION_MISSING');
    expectForbidden(await reader.query(Q.createKey, { platformId: a.id, label: 'x' }), 'PERMISSION_MISSING');
    expectForbidden(await env.limitedAdminClient.query(Q.list, {}), 'PERMISSION_MISSING');
    expectForbidden(await env.limitedAdminClient.query(Q.types, {}), 'PERMISSION_MISSING');
    const anonymous = await env.anonymousAdminClient.query(Q.get, { id: a.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
