import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../kernel/config.js';
import { createLogger } from '../../kernel/logger.js';
import { definePlugin, type PluginManifest } from '../../kernel/plugin.js';
import { createPlaza, type Plaza } from '../../kernel/plaza.js';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { RoleService } from './role.service.js';
import type { RoleView } from './roles.views.js';

const gifts = definePlugin({
  name: 'test.gifts',
  version: '1.0.0',
  permissions: [
    { code: 'gifts.read', description: 'See gift cards', defaultRoles: ['store-manager'] },
    { code: 'gifts.issue', description: 'Issue gift cards', defaultRoles: ['store-manager', 'store-associate'] },
    { code: 'gifts.void', description: 'Void gift cards' },
  ],
});

describe('built-in roles', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  async function boot(plugins: PluginManifest[]): Promise<Plaza> {
    const config = resolveConfig({ databaseUrl: database.url, logLevel: 'silent', secret: 'plaza-test-secret-0123456789abcdef', worker: false, host: '127.0.0.1', plugins }, {});
    const plaza = await createPlaza(config, { logger: createLogger('silent') });
    await plaza.migrate();
    return plaza;
  }

  async function roles(plaza: Plaza): Promise<Record<string, RoleView>> {
    const list = await plaza.container.resolve(RoleService).list(plaza.systemCtx());
    return Object.fromEntries(list.map((r) => [r.code, r]));
  }

  it('are seeded on first start from the declared defaults, and a plugin installed later adds its permissions once', async () => {
    const first = await boot([]);
    try {
      await first.seed({ demo: false });
      const seeded = await roles(first);
      expect(Object.keys(seeded).sort()).toEqual(['call-center', 'marketing', 'owner', 'read-only', 'store-associate', 'store-manager']);
      expect(Object.values(seeded).every((r) => r.builtIn)).toBe(true);
      expect(seeded.owner!.permissions).toEqual(['*']);
      expect(seeded['store-manager']!.permissions).toEqual(expect.arrayContaining(['staff.read', 'staff.manage', 'roles.read', 'audit.read']));
      expect(seeded['store-manager']!.permissions).not.toContain('roles.manage');
      const reads = [...first.registry.permissions.keys()].filter((p) => p.endsWith('.read')).sort();
      expect(seeded['read-only']!.permissions).toEqual(reads);
      expect(Number(((await first.db('audit_entry').where({ action: 'role.created', actor_kind: 'system' }).count({ n: '*' })) as { n: number | string }[])[0]!.n)).toBe(6);
    } finally {
      await first.close();
    }

    const second = await boot([gifts]);
    try {
      await second.listen(0);
      const updated = await roles(second);
      expect(updated['store-manager']!.permissions).toEqual(expect.arrayContaining(['gifts.read', 'gifts.issue']));
      expect(updated['store-associate']!.permissions).toContain('gifts.issue');
      expect(updated['read-only']!.permissions).toContain('gifts.read');
      expect(updated['store-manager']!.permissions).not.toContain('gifts.void');
      // A staff edit: the associates should not issue gift cards after all.
      const associate = updated['store-associate']!;
      await second.container.resolve(RoleService).update(second.systemCtx(), { id: associate.id, permissions: associate.permissions.filter((p) => p !== 'gifts.issue') });
    } finally {
      await second.close();
    }

    const third = await boot([gifts]);
    try {
      await third.listen(0);
      expect((await roles(third))['store-associate']!.permissions).not.toContain('gifts.issue');
      await third.seed({ demo: false });
      expect((await roles(third))['store-associate']!.permissions).not.toContain('gifts.issue');
      expect(Number(((await third.db('audit_entry').where({ action: 'role.created' }).count({ n: '*' })) as { n: number | string }[])[0]!.n)).toBe(6);
    } finally {
      await third.close();
    }
  });
});
