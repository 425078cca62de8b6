import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { PlatformKeyCache } from './platform-key.cache.js';
import { Q, createKey, createPlatform, type IssuedKey } from './__tests__/platforms-harness.js';

const CURRENT = '{ platform { id code name type currency locale capabilities } }';

describe('platform keys on the channel API', () => {
  let env: TestEnvironment;
  let cache: PlatformKeyCache;
  beforeAll(async () => {
    env = await createTestEnvironment();
    cache = env.plaza.registry.get('core.platforms')!.scope.container.resolve(PlatformKeyCache);
  });
  afterAll(() => env?.close());

  /** Counts the SQL statements the server runs while `work` runs. */
  async function countQueries(work: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const listener = (q: { sql: string }) => seen.push(q.sql);
    env.plaza.db.on('query', listener);
    try {
      await work();
    } finally {
      env.plaza.db.off('query', listener);
    }
    return seen;
  }

  it('a key issued by staff opens /graphql for its platform; revoking and disabling refuse it with the reason', async () => {
    const platform = await createPlatform(env.adminClient, { code: 'web-fr', name: 'Web FR', currency: 'eur', locale: 'fr-fr' });
    expect(platform).toMatchObject({ currency: 'EUR', locale: 'fr-FR', status: 'ACTIVE', capabilities: ['catalog', 'checkout'] });
    const issued = await createKey(env.adminClient, platform.id);
    expect(issued.secret).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(issued.secret.startsWith(issued.key.prefix)).toBe(true);

    const ok = await env.channelClient(issued.secret).data<{ platform: Record<string, unknown> }>(CURRENT);
    expect(ok.platform).toEqual({ id: platform.id, code: 'web-fr', name: 'Web FR', type: 'headless', currency: 'EUR', locale: 'fr-FR', capabilities: ['catalog', 'checkout'] });

    // Listed masked: the secret is never shown again.
    const { platformKeys } = await env.adminClient.data<{ platformKeys: Record<string, unknown>[] }>(Q.keys, { platformId: platform.id });
    expect(platformKeys).toEqual([{ id: issued.key.id, label: 'Storefront', prefix: issued.key.prefix, masked: `${issued.key.prefix}…`, active: true, revokedAt: null }]);
    expect(JSON.stringify(platformKeys)).not.toContain(issued.secret);

    await env.adminClient.data(Q.revokeKey, { id: issued.key.id });
    const revoked = await env.channelClient(issued.secret).query(CURRENT);
    expect(revoked.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_KEY_REVOKED' });
    expect(revoked.errors?.[0]?.message).toContain('revoked');

    const second = await createKey(env.adminClient, platform.id, 'App');
    await env.channelClient(second.secret).data(CURRENT);
    await env.adminClient.data(Q.disable, { id: platform.id });
    const disabled = await env.channelClient(second.secret).query(CURRENT);
    expect(disabled.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_DISABLED' });
    expect(disabled.errors?.[0]?.message).toContain('disabled');

    await env.adminClient.data(Q.enable, { id: platform.id });
    expect((await env.channelClient(second.secret).data<{ platform: { code: string } }>(CURRENT)).platform.code).toBe('web-fr');
  });

  it('an unknown key is UNAUTHENTICATED with PLATFORM_KEY_UNKNOWN', async () => {
    const unknown = await env.channelClient('pk_doesnotexist').query(CURRENT);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_KEY_UNKNOWN' });
    const foreign = await env.channelClient('not-a-plaza-key').query(CURRENT);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_KEY_UNKNOWN' });
  });

  it('a key seen before costs no database query; edits take effect at once', async () => {
    const platform = await createPlatform(env.adminClient, { name: 'Cached' });
    const { secret } = await createKey(env.adminClient, platform.id);
    const first = await countQueries(() => env.channelClient(secret).data(`{ platform { code } }`));
    expect(first.filter((sql) => sql.includes('platform_key'))).toHaveLength(1);
    const second = await countQueries(() => env.channelClient(secret).data(`{ platform { code } }`));
    expect(second).toEqual([]);
    // The name comes from the same cache entry: still no query.
    const named = await countQueries(() => env.channelClient(secret).data(`{ platform { name } }`));
    expect(named).toEqual([]);

    await env.adminClient.data(Q.update, { input: { id: platform.id, name: 'Renamed', currency: 'USD' } });
    const after = await env.channelClient(secret).data<{ platform: { name: string; currency: string } }>(`{ platform { name currency } }`);
    expect(after.platform).toEqual({ name: 'Renamed', currency: 'USD' });
  });

  it('cache entries expire, so changes made by another instance show within the TTL', async () => {
    const platform = await createPlatform(env.adminClient);
    const { key, secret } = await createKey(env.adminClient, platform.id);
    await env.channelClient(secret).data(CURRENT);
    // Another instance revokes the key: a direct write this process's cache does not hear about.
    await env.plaza.db('platform_key').where('id', key.id).update({ revoked_at: Date.now() });
    expect((await env.channelClient(secret).query(CURRENT)).errors).toBeUndefined();
    const realNow = cache.now;
    cache.now = () => realNow() + cache.ttlMs + 1;
    try {
      const stale = await env.channelClient(secret).query(CURRENT);
      expect(stale.errors?.[0]?.extensions?.reason).toBe('PLATFORM_KEY_REVOKED');
    } finally {
      cache.now = realNow;
    }
  });

  it('rotation issues a new key and revokes the old one in one step', async () => {
    const platform = await createPlatform(env.adminClient);
    const old: IssuedKey = await createKey(env.adminClient, platform.id, 'POS till 1');
    await env.channelClient(old.secret).data(CURRENT);
    const { rotatePlatformKey } = await env.adminClient.data<{ rotatePlatformKey: IssuedKey }>(Q.rotateKey, { id: old.key.id });
    expect(rotatePlatformKey.key.label).toBe('POS till 1');
    expect(rotatePlatformKey.secret).not.toBe(old.secret);
    expect((await env.channelClient(old.secret).query(CURRENT)).errors?.[0]?.extensions?.reason).toBe('PLATFORM_KEY_REVOKED');
    expect((await env.channelClient(rotatePlatformKey.secret).data<{ platform: { id: string } }>(CURRENT)).platform.id).toBe(platform.id);
    const again = await env.adminClient.query(Q.rotateKey, { id: old.key.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLATFORM_KEY_REVOKED' });
  });

  it('audits every write without key material, and publishes events', async () => {
    const platform = await createPlatform(env.adminClient, { name: 'Audited' });
    const issued = await createKey(env.adminClient, platform.id);
    const rotated = (await env.adminClient.data<{ rotatePlatformKey: IssuedKey }>(Q.rotateKey, { id: issued.key.id })).rotatePlatformKey;
    await env.adminClient.data(Q.revokeKey, { id: rotated.key.id });
    await env.adminClient.data(Q.update, { input: { id: platform.id, name: 'Audited 2' } });
    await env.adminClient.data(Q.disable, { id: platform.id });
    await env.adminClient.data(Q.enable, { id: platform.id });
    const { auditLog } = await env.adminClient.data<{ auditLog: { edges: { node: Record<string, unknown> }[] } }>(Q.audit, { filter: { platformId: platform.id } });
    const actions = auditLog.edges.map((e) => e.node.action).reverse();
    expect(actions).toEqual(['platform.created', 'platform_key.created', 'platform_key.created', 'platform_key.rotated', 'platform_key.revoked', 'platform.updated', 'platform.disabled', 'platform.enabled']);
    const text = JSON.stringify(auditLog);
    for (const secret of [issued.secret, rotated.secret]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(12));
    }
    const hashes = (await env.plaza.db('platform_key').where('platform_id', platform.id).pluck('key_hash')) as string[];
    for (const hash of hashes) expect(text).not.toContain(hash);
    const updated = auditLog.edges.find((e) => e.node.action === 'platform.updated')!.node;
    expect(updated).toMatchObject({ entityType: 'platform', before: { name: 'Audited' }, after: { name: 'Audited 2' } });

    const events = (await env.plaza.db('plaza_outbox').where('platform_id', platform.id).orderBy('id').pluck('name')) as string[];
    expect(events).toEqual(['platform.created', 'platform_key.revoked', 'platform_key.revoked', 'platform.updated', 'platform.disabled', 'platform.enabled']);
  });
});
