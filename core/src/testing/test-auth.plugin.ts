import crypto from 'node:crypto';
import { unscopedGrant } from '../kernel/authorization.js';
import { definePlugin, type PluginManifest } from '../kernel/plugin.js';

/**
 * A test-only module that accepts one random admin bearer token as an actor with every
 * permission (and, optionally, a restricted token), until the roles module provides staff
 * sign-in for the harness.
 */
export function createTestAuthPlugin(): { plugin: PluginManifest; ownerToken: string; limitedToken: string } {
  const ownerToken = `test_owner_${crypto.randomBytes(16).toString('hex')}`;
  const limitedToken = `test_limited_${crypto.randomBytes(16).toString('hex')}`;
  const plugin = definePlugin({
    name: 'plaza.test-auth',
    version: '0.0.0',
    auth: {
      adminBearer: async (token) => {
        if (token === ownerToken) return { kind: 'staff', id: 'stf_test_owner', name: 'Test owner', grants: [unscopedGrant('*')] };
        if (token === limitedToken) return { kind: 'staff', id: 'stf_test_limited', name: 'Test associate', grants: [] };
        return null;
      },
    },
  });
  return { plugin: plugin as PluginManifest, ownerToken, limitedToken };
}
