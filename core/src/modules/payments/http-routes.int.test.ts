import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../kernel/plugin.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';

// The kernel's plugin HTTP routes (used by the payments webhooks), tested with a probe plugin.
const seen: { rest: string; body: string; requestId: string; query: string | null }[] = [];
const probe = definePlugin({
  name: 'test.routes',
  version: '1.0.0',
  httpRoutes: [
    {
      method: 'POST',
      path: '/probe/echo',
      maxBodyBytes: 64,
      handler: async (req) => {
        seen.push({ rest: req.rest, body: req.rawBody.toString('utf8'), requestId: req.requestId, query: req.query.get('q') });
        return { status: 200, body: { bytes: req.rawBody.length } };
      },
    },
    { method: 'GET', path: '/probe/files/*', handler: async (req) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `file ${req.rest}` }) },
    {
      method: 'GET',
      path: '/probe/fail',
      handler: async () => {
        throw new Error('boom');
      },
    },
  ],
});

describe('plugin HTTP routes', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [probe] });
  });
  afterAll(async () => env?.close());

  it('dispatches exact routes with the raw body, query and request id', async () => {
    const raw = '{"a": 1,  "b":2}';
    const res = await fetch(`${env.baseUrl}/probe/echo?q=x`, { method: 'POST', body: raw, headers: { 'x-request-id': 'req-route-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-route-1');
    expect(await res.json()).toEqual({ bytes: raw.length });
    expect(seen.at(-1)).toEqual({ rest: '', body: raw, requestId: 'req-route-1', query: 'x' });
  });

  it('dispatches prefix routes with the rest of the path', async () => {
    const res = await fetch(`${env.baseUrl}/probe/files/a/b.txt`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('file a/b.txt');
  });

  it('answers 413 over the body limit, 405 for another method, 404 elsewhere, 500 when the handler throws', async () => {
    const big = await fetch(`${env.baseUrl}/probe/echo`, { method: 'POST', body: 'x'.repeat(65) });
    expect(big.status).toBe(413);
    expect((await fetch(`${env.baseUrl}/probe/echo`)).status).toBe(405);
    expect((await fetch(`${env.baseUrl}/probe/nothing`)).status).toBe(404);
    const failed = await fetch(`${env.baseUrl}/probe/fail`);
    expect(failed.status).toBe(500);
    expect(JSON.stringify(await failed.json())).not.toContain('boom');
  });

  it('never shadows the core paths', async () => {
    expect((await fetch(`${env.baseUrl}/health`)).status).toBe(200);
  });
});
