import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { Q, createPlatform, platformInput, type PlatformNode, type PlatformPage } from './__tests__/platforms-harness.js';

type Fields = { path: string; message: string }[];

describe('platforms admin API: types, validation, listing', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  async function fieldsOf(query: string, variables: Record<string, unknown>): Promise<{ code?: string; reason?: string; fields: Fields }> {
    const result = await env.adminClient.query(query, variables);
    const ext = result.errors?.[0]?.extensions;
    return { code: ext?.code, reason: ext?.reason, fields: (ext?.fields ?? []) as Fields };
  }

  it('lists platform types with a settings form from the zod schema', async () => {
    const { platformTypes } = await env.adminClient.data<{ platformTypes: Record<string, unknown>[] }>(Q.types);
    const headless = platformTypes.find((t) => t.code === 'headless')!;
    expect(headless).toMatchObject({ plugin: 'core.platforms', capabilities: ['catalog', 'checkout'] });
    const form = headless.settingsSchema as { type: string; properties: Record<string, { type: string; description: string }> };
    expect(form.type).toBe('object');
    expect(form.properties.allowedOrigins).toMatchObject({ type: 'array' });
    expect(form.properties.allowedOrigins!.description).toContain('origins');
    expect(form.properties.description!.description).toContain('Notes');
  });

  it('reports every input problem as a field error', async () => {
    const bad = await fieldsOf(Q.create, { input: { code: 'Web ES', name: ' ', type: 'headless', currency: 'EURO', locale: 'not a locale', settings: { allowedOrigins: ['https://ok.example.com', 'ftp://x', 'https://shop.example.com/path'] } } });
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['code', 'currency', 'locale', 'name', 'settings.allowedOrigins.1', 'settings.allowedOrigins.2']);
    expect(bad.fields.find((f) => f.path === 'currency')!.message).toContain('ISO 4217');

    const unknownType = await fieldsOf(Q.create, { input: platformInput({ type: 'pos' }) });
    expect(unknownType.fields).toEqual([{ path: 'type', message: expect.stringContaining('unknown platform type "pos"') }]);

    const notObject = await fieldsOf(Q.create, { input: platformInput({ settings: [1, 2] }) });
    expect(notObject.fields.map((f) => f.path)).toEqual(['settings']);

    const taken = await createPlatform(env.adminClient);
    const duplicate = await fieldsOf(Q.create, { input: platformInput({ code: taken.code }) });
    expect(duplicate).toMatchObject({ code: 'CONFLICT', reason: 'PLATFORM_CODE_TAKEN', fields: [{ path: 'code' }] });

    const other = await createPlatform(env.adminClient);
    const renamedToTaken = await fieldsOf(Q.update, { input: { id: other.id, code: taken.code } });
    expect(renamedToTaken).toMatchObject({ code: 'CONFLICT', reason: 'PLATFORM_CODE_TAKEN' });
    const badUpdate = await fieldsOf(Q.update, { input: { id: other.id, currency: 'XXY', settings: { allowedOrigins: 'nope' } } });
    expect(badUpdate.fields.map((f) => f.path).sort()).toEqual(['currency', 'settings.allowedOrigins']);
    const missing = await fieldsOf(Q.update, { input: { id: 'plat_missing', name: 'x' } });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('stores settings with defaults applied and replaces them on update', async () => {
    const created = await createPlatform(env.adminClient, { settings: { description: 'Kiosk' } });
    expect(created.settings).toEqual({ allowedOrigins: [], description: 'Kiosk' });
    const { updatePlatform } = await env.adminClient.data<{ updatePlatform: PlatformNode }>(Q.update, {
      input: { id: created.id, settings: { allowedOrigins: ['https://kiosk.example.com'] } },
    });
    expect(updatePlatform.settings).toEqual({ allowedOrigins: ['https://kiosk.example.com'] });
  });

  it('still lists a platform whose type plugin is uninstalled, marked unavailable', async () => {
    const orphan = await createPlatform(env.adminClient, { name: 'Orphan' });
    await env.plaza.db('platform').where('id', orphan.id).update({ type: 'legacy-pos' });
    const { platform } = await env.adminClient.data<{ platform: PlatformNode & { platformType: unknown } }>(Q.get, { id: orphan.id });
    expect(platform).toMatchObject({ type: 'legacy-pos', typeAvailable: false, platformType: null, capabilities: [] });
    const listed = await env.adminClient.data<PlatformPage>(Q.list, { filter: { type: 'legacy-pos' } });
    expect(listed.platforms.edges.map((e) => e.node.id)).toEqual([orphan.id]);
    const renamed = await env.adminClient.data<{ updatePlatform: PlatformNode }>(Q.update, { input: { id: orphan.id, name: 'Orphan 2' } });
    expect(renamed.updatePlatform.name).toBe('Orphan 2');
    const settings = await fieldsOf(Q.update, { input: { id: orphan.id, settings: {} } });
    expect(settings.fields).toEqual([{ path: 'settings', message: expect.stringContaining('not installed') }]);
  });

  it('pages through every sort order without gaps or repeats, and filters', async () => {
    const tag = `pg${Date.now().toString(36)}`;
    const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'alpha'];
    const made: PlatformNode[] = [];
    for (const name of names) made.push(await createPlatform(env.adminClient, { name: `${tag} ${name}`, code: `${tag}-${made.length}` }));
    await env.adminClient.data(Q.disable, { id: made[4]!.id });

    async function all(orderBy: Record<string, string> | null): Promise<string[]> {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const data: PlatformPage = await env.adminClient.data<PlatformPage>(Q.list, { first: 2, after, orderBy, filter: { search: tag } });
        ids.push(...data.platforms.edges.map((e) => e.node.id));
        if (!data.platforms.pageInfo.hasNextPage) return ids;
        after = data.platforms.pageInfo.endCursor;
      }
      throw new Error('too many pages');
    }
    const byId = (ids: string[]) => ids.map((id) => made.find((p) => p.id === id)!.name.slice(tag.length + 1));
    expect(byId(await all(null))).toEqual([...names].reverse());
    expect(byId(await all({ field: 'CREATED_AT', direction: 'ASC' }))).toEqual(names);
    expect(byId(await all({ field: 'NAME' }))).toEqual(['Alpha', 'alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    expect(byId(await all({ field: 'NAME', direction: 'DESC' }))).toEqual(['echo', 'delta', 'charlie', 'Bravo', 'alpha', 'Alpha']);
    expect(byId(await all({ field: 'CODE', direction: 'DESC' }))).toEqual([...names].reverse());

    const disabled = await env.adminClient.data<PlatformPage>(Q.list, { filter: { search: tag, status: 'DISABLED' } });
    expect(disabled.platforms.edges.map((e) => e.node.id)).toEqual([made[4]!.id]);
    const percent = await env.adminClient.data<PlatformPage>(Q.list, { filter: { search: '%' } });
    expect(percent.platforms.edges).toEqual([]);

    const page1 = await env.adminClient.data<PlatformPage>(Q.list, { first: 1, filter: { search: tag }, orderBy: { field: 'NAME' } });
    const wrongOrder = await fieldsOf(Q.list, { after: page1.platforms.pageInfo.endCursor, orderBy: { field: 'CODE' } });
    expect(wrongOrder).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' });
  });

  it('demo seed creates two headless platforms with a working key each', async () => {
    const { report } = await env.plaza.seed({ demo: true });
    expect(report.platforms.map((p) => [p.code, p.type])).toEqual([['web-es', 'headless'], ['app-es', 'headless']]);
    for (const { code, key } of report.platforms) {
      expect((await env.channelClient(key).data<{ platform: { code: string } }>('{ platform { code } }')).platform.code).toBe(code);
    }
    const again = await env.plaza.seed({ demo: true });
    expect(again.report.platforms).toEqual([]);
  });
});
