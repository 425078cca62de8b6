import { describe, expect, it } from 'vitest';
import { definePlugin } from '../src/kernel/plugin.js';
import { createTestEnvironment } from '../src/testing/index.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones, runs onClose in reverse boot order, then closes the database', async () => {
    const closed: string[] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const slow = definePlugin({
      name: 'test.slow',
      version: '1.0.0',
      graphql: {
        admin: {
          typeDefs: 'type Query { slow: String! }',
          resolvers: () => ({
            Query: {
              slow: async () => {
                started();
                await new Promise<void>((resolve) => (release = resolve));
                return 'finished';
              },
            },
          }),
        },
      },
      onClose: () => void closed.push('test.slow'),
    });
    const later = definePlugin({ name: 'test.later', version: '1.0.0', requires: ['test.slow'], onClose: () => void closed.push('test.later') });
    const env = await createTestEnvironment({ plugins: [slow, later] });
    try {
      const pending = env.adminClient.query<{ slow: string }>('{ slow }');
      await inFlight;
      const closing = env.plaza.close(5_000);
      await expect(fetch(`${env.baseUrl}/health`)).rejects.toThrow();
      expect(closed).toEqual([]);
      release();
      expect((await pending).data?.slow).toBe('finished');
      await closing;
      expect(closed).toEqual(['test.later', 'test.slow']);
      await expect(env.plaza.db.raw('select 1')).rejects.toThrow();
    } finally {
      release();
      await env.close();
    }
  });
});
