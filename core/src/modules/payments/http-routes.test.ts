import { describe, expect, it } from 'vitest';
import { checkCrossPluginNames, checkManifestShape } from '../../kernel/plugin-validation.js';
import type { PluginManifest } from '../../kernel/plugin.js';

const handler = async () => ({ status: 200 });
const plugin = (name: string, path: string, method: 'GET' | 'POST' = 'POST'): PluginManifest => ({ name, version: '1.0.0', httpRoutes: [{ method, path, handler }] });

describe('plugin HTTP route validation', () => {
  it('accepts exact and prefix paths', () => {
    expect(checkManifestShape(plugin('a', '/webhooks/a'))).toEqual([]);
    expect(checkManifestShape(plugin('a', '/webhooks/a/*'))).toEqual([]);
  });

  it('refuses paths that shadow the core routes or are not absolute', () => {
    for (const path of ['/graphql', '/admin/graphql', '/health', '/ready', '/admin/*', '/*', '/graphql/*', 'webhooks']) {
      expect(checkManifestShape(plugin('a', path)).length, path).toBeGreaterThan(0);
    }
  });

  it('fails on two plugins claiming the same method and path', () => {
    expect(checkCrossPluginNames([plugin('a', '/hooks/x'), plugin('b', '/hooks/x')])).toEqual([
      'plugin "b" declares HTTP route "POST /hooks/x", already declared by "a"',
    ]);
    expect(checkCrossPluginNames([plugin('a', '/hooks/x'), plugin('b', '/hooks/x', 'GET')])).toEqual([]);
  });
});
