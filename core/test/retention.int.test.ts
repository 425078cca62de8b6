import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inTransaction } from '../src/db/transaction.js';
import { defineEvent, defineJob, definePlugin } from '../src/kernel/plugin.js';
import { Tokens } from '../src/kernel/tokens.js';
import { pruneHistory } from '../src/modules/system/retention.job.js';
import { createTestEnvironment, type TestEnvironment } from '../src/testing/index.js';

const DAY = 86_400_000;

const plugin = definePlugin({
  name: 'test.retention',
  version: '1.0.0',
  events: [defineEvent('retention.ok', z.object({}), 'delivered fine'), defineEvent('retention.broken', z.object({}), 'its subscriber always fails')],
  subscribers: {
    'retention.ok': async () => undefined,
    'retention.broken': async () => {
      throw new Error('always fails');
    },
  },
  jobs: [defineJob({ name: 'retention.noop', run: async () => undefined })],
});

describe('retention', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [plugin], config: { events: { maxAttempts: 1 } } });
  });
  afterAll(() => env?.close());

  it('deletes old delivered events and completed jobs, and keeps dead letters and recent history', async () => {
    const bus = env.plaza.container.resolve(Tokens.EventBus);
    const queue = env.plaza.container.resolve(Tokens.JobQueue);
    const ctx = env.plaza.systemCtx();
    // The harness's sign-ins wrote events too (staff created, roles assigned): they are delivered history as well.
    const [setup] = (await env.plaza.db('plaza_outbox').count({ n: '*' })) as { n: number | string }[];
    const okId = await inTransaction(ctx, (trx) => bus.publish(trx, 'retention.ok', {}));
    const brokenId = await inTransaction(ctx, (trx) => bus.publish(trx, 'retention.broken', {}));
    const jobId = await queue.enqueue(ctx, 'retention.noop', {});
    await env.drainEvents();
    await env.plaza.jobs.worker.runOnce();
    expect((await queue.get(ctx, jobId))?.status).toBe('completed');

    expect(await pruneHistory(env.plaza.db, { eventsDays: 30, jobsDays: 14 })).toEqual({ events: 0, jobs: 0 });
    const later = new Date(Date.now() + 31 * DAY);
    expect(await pruneHistory(env.plaza.db, { eventsDays: 30, jobsDays: 14 }, later)).toEqual({ events: Number(setup!.n) + 1, jobs: 1 });
    const remaining = (await env.plaza.db('plaza_outbox').select('id')).map((r: { id: string }) => r.id);
    expect(remaining).not.toContain(okId);
    expect(remaining).toContain(brokenId);
    const dead = await env.adminClient.data<{ deadLetters: { edges: { node: { eventId: string } }[] } }>('{ deadLetters { edges { node { eventId } } } }');
    expect(dead.deadLetters.edges.map((e) => e.node.eventId)).toContain(brokenId);
    expect(await queue.get(ctx, jobId)).toBeNull();
  });
});
