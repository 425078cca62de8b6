import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.js';
import type { Ctx } from '../../kernel/context.js';
import { definePlugin } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';

const SCOPED_TOKEN = 'audit-test-scoped-token';

/** A probe that audits a write on a platform, failing after the write when asked to. */
const probe = definePlugin({
  name: 'test.audit-probe',
  version: '1.0.0',
  auth: {
    adminBearer: async (token) =>
      token === SCOPED_TOKEN
        ? { kind: 'staff', id: 'stf_scoped', name: 'Scoped manager', grants: [{ permissions: new Set(['audit.read']), platformIds: ['plat_a'], locationIds: null }] }
        : null,
  },
  graphql: {
    admin: {
      typeDefs: 'type Mutation { touch(platformId: String!, fail: Boolean!): Boolean! }',
      resolvers: (scope) => ({
        Mutation: {
          touch: (_: unknown, args: { platformId: string; fail: boolean }, ctx: Ctx) =>
            inTransaction(ctx, async (trx) => {
              await scope.container.resolve(Tokens.AuditLog).record(trx, {
                action: 'thing.touched',
                entityType: 'thing',
                entityId: `thing_${args.platformId}`,
                platformId: args.platformId,
                before: { n: 1 },
                after: { n: 2 },
              });
              if (args.fail) throw new Error('the write failed after auditing');
              return true;
            }),
        },
      }),
    },
  },
});

const LIST = `query($filter: AuditFilter) { auditLog(filter: $filter) { edges { node { action entityId platformId actorId before after requestId ip } } } }`;
type ListData = { auditLog: { edges: { node: { action: string; entityId: string; platformId: string; actorId: string; before: unknown; after: unknown; requestId: string; ip: string } }[] } };

describe('audit log', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [probe] });
  });
  afterAll(() => env?.close());

  it('records a write with actor, request id, IP and before/after, in the same transaction', async () => {
    await env.adminClient.data('mutation { touch(platformId: "plat_a", fail: false) }');
    const failed = await env.adminClient.query('mutation { touch(platformId: "plat_a", fail: true) }');
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const { auditLog } = await env.adminClient.data<ListData>(LIST, { filter: { action: 'thing.touched' } });
    expect(auditLog.edges).toHaveLength(1);
    expect(auditLog.edges[0]!.node).toMatchObject({ entityId: 'thing_plat_a', platformId: 'plat_a', before: { n: 1 }, after: { n: 2 } });
    expect(auditLog.edges[0]!.node.requestId).toMatch(/^req_/);
    expect(auditLog.edges[0]!.node.ip).toMatch(/127\.0\.0\.1/);
  });

  it('shows scoped staff only their platforms, and needs audit.read', async () => {
    await env.adminClient.data('mutation { touch(platformId: "plat_b", fail: false) }');
    const scoped = env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${SCOPED_TOKEN}` });
    const { auditLog } = await scoped.data<ListData>(LIST, { filter: { action: 'thing.touched' } });
    expect(auditLog.edges.map((e) => e.node.platformId)).toEqual(['plat_a']);
    const owner = await env.adminClient.data<ListData>(LIST, { filter: { action: 'thing.touched' } });
    expect(owner.auditLog.edges.map((e) => e.node.platformId).sort()).toEqual(['plat_a', 'plat_b']);
    const limited = await env.limitedAdminClient.query(LIST);
    expect(limited.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('offers no way to change an entry', async () => {
    const result = await env.adminClient.query('{ __type(name: "Mutation") { fields { name } } }');
    const names = ((result.data as { __type: { fields: { name: string }[] } }).__type.fields ?? []).map((f) => f.name);
    expect(names.filter((n) => /audit/i.test(n))).toEqual([]);
  });
});
