import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, defineEvent } from '../src/kernel/plugin.js';
import { PlazaError } from '../src/kernel/errors.js';
import { requirePermission } from '../src/kernel/authorization.js';
import type { Ctx } from '../src/kernel/context.js';
import { Tokens } from '../src/kernel/tokens.js';
import { inTransaction } from '../src/db/transaction.js';
import { createTestEnvironment, type TestEnvironment } from '../src/testing/index.js';

const probe = definePlugin({
  name: 'test.probe',
  version: '1.0.0',
  events: [defineEvent('probe.pinged', z.object({ n: z.number() }), 'A probe event')],
  permissions: [{ code: 'probe.use', description: 'Use the probe' }],
  graphql: {
    admin: {
      typeDefs: /* GraphQL */ `
        type Node { id: ID! child: Node }
        type Query { boom: String, conflict: String, node: Node, secured: String }
        type Mutation { ping(n: Int!): Boolean! }
      `,
      resolvers: (scope) => ({
        Query: {
          boom: () => {
            throw new Error('SELECT * FROM secret_table WHERE password = 1');
          },
          conflict: () => {
            throw new PlazaError('CONFLICT', 'Someone else changed this notice; reload it', { reason: 'NOTICE_STALE' });
          },
          node: () => ({ id: '1' }),
          secured: (_: unknown, __: unknown, ctx: Ctx) => {
            requirePermission(ctx, 'probe.use');
            return 'ok';
          },
        },
        Node: { child: (parent: { id: string }) => ({ id: `${parent.id}.1` }) },
        Mutation: {
          ping: async (_: unknown, args: { n: number }, ctx: Ctx) => {
            const bus = scope.container.resolve(Tokens.EventBus);
            await inTransaction(ctx, (trx) => bus.publish(trx, 'probe.pinged', { n: args.n }));
            return true;
          },
        },
      }),
    },
  },
});

describe('gateway', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [probe], config: { gateway: { maxDepth: 6, maxCost: 300 } } });
  });
  afterAll(() => env?.close());

  it('answers /health and /ready, and 404 elsewhere', async () => {
    const health = await fetch(`${env.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${env.baseUrl}/ready`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${env.baseUrl}/nope`)).status).toBe(404);
  });

  it('masks unexpected errors: no message, SQL or stack reaches the client', async () => {
    const result = await env.adminClient.query('{ boom }');
    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const text = JSON.stringify(result);
    expect(text).not.toContain('secret_table');
    expect(text).not.toContain('at ');
  });

  it('keeps the stable code, reason and message of expected errors', async () => {
    const result = await env.adminClient.query('{ conflict }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'Someone else changed this notice; reload it',
      extensions: { code: 'CONFLICT', reason: 'NOTICE_STALE' },
    });
  });

  it('separates UNAUTHENTICATED from FORBIDDEN, and rejects unknown credentials', async () => {
    const anonymous = await env.anonymousAdminClient.query<{ plaza: { api: string }; secured: string | null }>('{ plaza { api } secured }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A field that needs a sign-in fails alone: the rest of the result still arrives, with 200.
    expect(anonymous.status).toBe(200);
    expect(anonymous.data?.plaza.api).toBe('admin');
    expect((await env.limitedAdminClient.query('{ secured }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await env.adminClient.data<{ secured: string }>('{ secured }')).secured).toBe('ok');
    const bogus = await env.anonymousAdminClient.query('{ plaza { version } }', undefined, { authorization: 'Bearer not-a-session' });
    expect(bogus.status).toBe(401);
    expect(bogus.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const noKey = await env.channelClient().query('{ plaza { api } }');
    expect(noKey.status).toBe(401);
    expect(noKey.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'PLATFORM_KEY_REQUIRED' });
    const unknownKey = await env.channelClient('pk_unknown').query('{ plaza { api } }');
    expect(unknownKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknownKey.errors?.[0]?.message).toContain('x-plaza-key');
  });

  it('tells the viewer who they are and lists declared permissions', async () => {
    const data = await env.adminClient.data<{ viewer: { id: string; permissions: string[] }; permissions: { code: string; plugin: string }[] }>(
      '{ viewer { id permissions } permissions { code plugin } }',
    );
    expect(data.viewer).toEqual({ id: expect.stringMatching(/^stf_/), permissions: ['*'] });
    expect(data.permissions).toContainEqual({ code: 'probe.use', plugin: 'test.probe' });
    expect((await env.anonymousAdminClient.data<{ viewer: unknown }>('{ viewer { id } }')).viewer).toBeNull();
  });

  it('rejects queries deeper than the limit before running them', async () => {
    const deep = '{ node { child { child { child { child { child { child { id } } } } } } } }';
    const result = await env.adminClient.query(deep);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    const shallow = await env.adminClient.data<{ node: { child: { id: string } } }>('{ node { child { id } } }');
    expect(shallow.node.child.id).toBe('1.1');
  });

  it('rejects queries costlier than the limit before running them', async () => {
    const wide = `{ ${Array.from({ length: 120 }, (_, i) => `n${i}: node { id child { id } }`).join(' ')} }`;
    const result = await env.adminClient.query(wide);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('reports bad variables as BAD_USER_INPUT-style errors, never a 500', async () => {
    const result = await env.adminClient.query('mutation($n: Int!) { ping(n: $n) }', { n: 'seven' });
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0]?.extensions?.code).toBeTruthy();
  });

  it('reports a bad enum value inside an input variable as BAD_USER_INPUT, naming the value', async () => {
    const result = await env.adminClient.query('query($filter: PlatformFilter) { platforms(filter: $filter) { edges { node { id } } } }', { filter: { status: 'active' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('"active"');
  });

  it('echoes a request id and makes one when absent', async () => {
    const withId = await fetch(`${env.baseUrl}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(withId.headers.get('x-request-id')).toBe('abc-123');
    const without = await fetch(`${env.baseUrl}/health`);
    expect(without.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('streams domain events to an admin subscription over SSE', async () => {
    const controller = new AbortController();
    const response = await fetch(`${env.baseUrl}/admin/graphql`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${env.adminToken}` },
      body: JSON.stringify({ query: 'subscription { domainEvents(names: ["probe.pinged"]) { name payload } }' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await env.adminClient.data('mutation { ping(n: 7) }');
    await env.drainEvents();
    let text = '';
    while (!text.includes('probe.pinged')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('"payload":{"n":7}');
  });
});
