import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../db/transaction.js';
import { isPlazaError, type PlazaError } from '../kernel/errors.js';
import { createJobsHarness, staff, type JobsHarness } from './__tests__/jobs-harness.js';
import { createTestJobsPlugin } from './__tests__/test-jobs.plugin.js';
import { JOB_TABLE } from './job-rows.js';

async function plazaError(promise: Promise<unknown>): Promise<PlazaError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isPlazaError(error)) throw new Error(`expected a PlazaError, got ${String(error)}`);
  return error;
}

describe('DbJobQueue', () => {
  let h: JobsHarness;
  let jobs: ReturnType<typeof createTestJobsPlugin>;

  beforeEach(async () => {
    jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
  });
  afterEach(() => h.close());

  it('stores a waiting job with its payload, due now', async () => {
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 7 });
    expect(id).toMatch(/^job_/);
    const job = await h.runtime.queue.get(h.ctx(), id);
    expect(job).toMatchObject({ id, name: 'test.echo', payload: { n: 7 }, status: 'waiting', attempts: 0, maxAttempts: 5, lastError: null, finishedAt: null });
    expect(job?.runAt).toEqual(h.clock.now());
    expect(await h.runtime.queue.get(h.ctx(), 'job_missing')).toBeNull();
  });

  it('rejects an unknown job name and an invalid payload with clear errors', async () => {
    const unknown = await plazaError(h.runtime.queue.enqueue(h.ctx(), 'test.nope', {}));
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'JOB_UNKNOWN' });
    expect(unknown.message).toContain('"test.nope"');
    expect(unknown.message).toContain('test.echo');

    const invalid = await plazaError(h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 'seven' }));
    expect(invalid).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'JOB_PAYLOAD_INVALID' });
    expect(invalid.fields?.[0]?.path).toBe('n');
    expect(Number((await h.db(JOB_TABLE).count({ c: '*' }))[0]?.c)).toBe(0);
  });

  it('dedups by uniqueKey while a job is waiting or running, and frees the key when it finishes', async () => {
    const first = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 1 }, { uniqueKey: 'echo:1' });
    const second = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 2 }, { uniqueKey: 'echo:1' });
    expect(second).toBe(first);
    // Inside one transaction too (a conflict must not abort a PostgreSQL transaction).
    const inTrx = await inTransaction(h.ctx(), async (trx) => {
      const a = await h.runtime.queue.enqueue(trx, 'test.echo', { n: 3 }, { uniqueKey: 'echo:1' });
      const b = await h.runtime.queue.enqueue(trx, 'test.echo', { n: 4 }, { uniqueKey: 'echo:2' });
      return [a, b];
    });
    expect(inTrx[0]).toBe(first);
    expect(await h.db(JOB_TABLE).count({ c: '*' }).then((r) => Number(r[0]?.c))).toBe(2);

    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 2, failed: 0 });
    expect(jobs.runsOf('test.echo').map((r) => r.payload)).toEqual(expect.arrayContaining([{ n: 1 }, { n: 4 }]));
    const third = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 5 }, { uniqueKey: 'echo:1' });
    expect(third).not.toBe(first);
  });

  it('never creates a job enqueued in a rolled-back transaction, and wakes the worker only after a commit', async () => {
    const wake = vi.fn();
    h.runtime.queue.onEnqueued(wake);
    await expect(
      inTransaction(h.ctx(), async (trx) => {
        await h.runtime.queue.enqueue(trx, 'test.echo', { n: 1 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(wake).not.toHaveBeenCalled();
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 0, failed: 0 });
    expect(jobs.runs).toHaveLength(0);

    let id = '';
    await inTransaction(h.ctx(), async (trx) => {
      id = await h.runtime.queue.enqueue(trx, 'test.echo', { n: 2 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(wake).not.toHaveBeenCalled();
    });
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(1));
    expect((await h.runtime.queue.get(h.ctx(), id))?.status).toBe('waiting');
  });

  it('does not run a delayed job before its time', async () => {
    await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 1 }, { delayMs: 60_000 });
    await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 2 }, { runAt: new Date(h.clock.now().getTime() + 120_000) });
    expect((await h.runtime.worker.runOnce()).ran).toBe(0);
    h.clock.advance(59_999);
    expect((await h.runtime.worker.runOnce()).ran).toBe(0);
    h.clock.advance(1);
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 1, failed: 0 });
    expect(jobs.runs.map((r) => r.payload)).toEqual([{ n: 1 }]);
    h.clock.advance(60_000);
    expect((await h.runtime.worker.runOnce()).ran).toBe(1);
    expect(jobs.runs.map((r) => r.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('lists jobs newest first with cursors and filters, for staff holding jobs.read', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n }));
    await h.runtime.queue.enqueue(h.ctx(), 'test.flaky', {});
    const reader = h.ctx(staff('jobs.read'));

    const page1 = await h.runtime.queue.list(reader, { name: 'test.echo', first: 2 });
    expect(page1.jobs.map((e) => e.job.id)).toEqual([ids[4], ids[3]]);
    expect(page1.hasNextPage).toBe(true);
    const page2 = await h.runtime.queue.list(reader, { name: 'test.echo', first: 2, after: page1.endCursor });
    expect(page2.jobs.map((e) => e.job.id)).toEqual([ids[2], ids[1]]);
    const page3 = await h.runtime.queue.list(reader, { name: 'test.echo', first: 2, after: page2.endCursor });
    expect(page3).toMatchObject({ hasNextPage: false });
    expect(page3.jobs.map((e) => e.job.id)).toEqual([ids[0]]);

    expect((await h.runtime.queue.list(reader, { status: 'waiting' })).jobs).toHaveLength(6);
    expect((await h.runtime.queue.list(reader, { status: 'failed' })).jobs).toHaveLength(0);
    expect(await plazaError(h.runtime.queue.list(reader, { after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await plazaError(h.runtime.queue.list(reader, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await plazaError(h.runtime.queue.list(h.ctx(staff('orders.read')), {}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await plazaError(h.runtime.queue.list(h.ctx(null), {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('retries only failed jobs, for staff holding jobs.retry', async () => {
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 1 });
    const retrier = h.ctx(staff('jobs.retry'));
    expect(await plazaError(h.runtime.queue.retry(retrier, id))).toMatchObject({ code: 'CONFLICT', reason: 'JOB_NOT_FAILED' });
    expect(await plazaError(h.runtime.queue.retry(retrier, 'job_missing'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await plazaError(h.runtime.queue.retry(h.ctx(staff('jobs.read')), id))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
