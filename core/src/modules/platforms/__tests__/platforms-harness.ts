import type { Grant } from '../../../kernel/authorization.js';
import { definePlugin, type PluginManifest } from '../../../kernel/plugin.js';
import type { GraphQLClient } from '../../../testing/index.js';

/** Admin operations of the platforms module, as a front end sends them. */
export const Q = {
  create: `mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id code name type typeAvailable currency locale status settings capabilities createdAt } }`,
  update: `mutation($input: UpdatePlatformInput!) { updatePlatform(input: $input) { id code name currency locale settings updatedAt } }`,
  disable: `mutation($id: ID!) { disablePlatform(id: $id) { id status } }`,
  enable: `mutation($id: ID!) { enablePlatform(id: $id) { id status } }`,
  get: `query($id: ID!) { platform(id: $id) { id code name type typeAvailable platformType { code } status capabilities settings } }`,
  list: `query($first: Int, $after: String, $filter: PlatformFilter, $orderBy: PlatformOrder) {
    platforms(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { edges { cursor node { id code name status type typeAvailable } } pageInfo { hasNextPage endCursor } }
  }`,
  types: `{ platformTypes { code label description capabilities plugin settingsSchema } }`,
  keys: `query($platformId: ID!) { platformKeys(platformId: $platformId) { id label prefix masked active revokedAt } }`,
  createKey: `mutation($platformId: ID!, $label: String!) { createPlatformKey(platformId: $platformId, label: $label) { key { id prefix label createdAt } secret } }`,
  revokeKey: `mutation($id: ID!) { revokePlatformKey(id: $id) { id active revokedAt } }`,
  rotateKey: `mutation($id: ID!) { rotatePlatformKey(id: $id) { key { id prefix label createdAt } secret } }`,
  audit: `query($filter: AuditFilter) { auditLog(first: 100, filter: $filter) { edges { node { action entityType entityId platformId before after } } } }`,
} as const;

/** A platform as the tests read it. */
export interface PlatformNode {
  id: string;
  code: string;
  name: string;
  type: string;
  typeAvailable: boolean;
  status: 'ACTIVE' | 'DISABLED';
  currency: string;
  locale: string;
  settings: Record<string, unknown>;
  capabilities: string[];
}

/** A page of the platforms list. */
export interface PlatformPage {
  platforms: { edges: { cursor: string; node: PlatformNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** A newly issued key. */
export interface IssuedKey {
  key: { id: string; prefix: string; label: string };
  secret: string;
}

let counter = 0;

/** A valid headless platform input with a unique code. */
export function platformInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return { code: `shop-${Date.now().toString(36)}-${counter}`, name: `Shop ${counter}`, type: 'headless', currency: 'EUR', locale: 'es-ES', ...overrides };
}

/** Creates a platform through the admin API. */
export async function createPlatform(client: GraphQLClient, overrides: Record<string, unknown> = {}): Promise<PlatformNode> {
  return (await client.data<{ createPlatform: PlatformNode }>(Q.create, { input: platformInput(overrides) })).createPlatform;
}

/** Issues a key through the admin API. */
export async function createKey(client: GraphQLClient, platformId: string, label = 'Storefront'): Promise<IssuedKey> {
  return (await client.data<{ createPlatformKey: IssuedKey }>(Q.createKey, { platformId, label })).createPlatformKey;
}

/**
 * A test-only sign-in: bearer tokens mapped to actors with the grants the test sets in
 * `grants` (mutable, so tests can scope them to platforms they create).
 */
export function createScopedAuthPlugin(): { plugin: PluginManifest; grants: Map<string, Grant[]> } {
  const grants = new Map<string, Grant[]>();
  const plugin = definePlugin({
    name: 'test.platforms-scoped-auth',
    version: '0.0.0',
    auth: {
      adminBearer: async (token) => {
        const held = grants.get(token);
        return held ? { kind: 'staff', id: `stf_${token}`, name: `Scoped ${token}`, grants: held } : null;
      },
    },
  });
  return { plugin: plugin as PluginManifest, grants };
}

/** A grant of `permissions` on `platformIds` only. */
export function scopedGrant(permissions: string[], platformIds: string[]): Grant {
  return { permissions: new Set(permissions), platformIds, locationIds: null };
}
