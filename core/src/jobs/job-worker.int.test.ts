import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { inTransaction, isTransaction } from '../db/transaction.js';
import { SYSTEM_ACTOR } from '../kernel/context.js';
import { createJobsHarness, staff, type JobsHarness } from './__tests__/jobs-harness.js';
import { createGate, createTestJobsPlugin } from './__tests__/test-jobs.plugin.js';
import { claimDueJobs } from './job-claim.js';

describe('JobWorker', () => {
  let h: JobsHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('runs a job once with its payload, a system ctx on the root database and its plugin scope', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 42 });
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 1, failed: 0 });
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 0, failed: 0 });
    expect(jobs.runs).toHaveLength(1);
    const run = jobs.runs[0]!;
    expect(run.payload).toEqual({ n: 42 });
    expect(run.ctx.actor).toBe(SYSTEM_ACTOR);
    expect(isTransaction(run.ctx.db)).toBe(false);
    expect(run.scope.name).toBe('test.jobs');
    const job = await h.runtime.queue.get(h.ctx(), id);
    expect(job).toMatchObject({ status: 'completed', attempts: 1, lastError: null });
    expect(job?.finishedAt).toEqual(h.clock.now());
    expect(await h.row(id)).toMatchObject({ locked_by: null, locked_until: null, unique_key: null });
  });

  it('retries a failing job with growing backoff, fails it after maxAttempts with a warning, and retry brings it back', async () => {
    const jobs = createTestJobsPlugin();
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    h = await createJobsHarness([jobs.plugin], { logger });
    const { queue, worker } = h.runtime;
    const t0 = h.clock.now().getTime();
    const id = await queue.enqueue(h.ctx(), 'test.always_fails', {});

    expect(await worker.runOnce()).toEqual({ ran: 1, failed: 1 });
    expect(await queue.get(h.ctx(), id)).toMatchObject({ status: 'waiting', attempts: 1, lastError: 'Error: boom', runAt: new Date(t0 + 1000) });
    h.clock.advance(999);
    expect((await worker.runOnce()).ran).toBe(0);
    h.clock.advance(1);
    expect(await worker.runOnce()).toEqual({ ran: 1, failed: 1 });
    // Second failure: twice the first delay.
    expect(await queue.get(h.ctx(), id)).toMatchObject({ status: 'waiting', attempts: 2, runAt: new Date(t0 + 1000 + 2000) });
    h.clock.advance(1999);
    expect((await worker.runOnce()).ran).toBe(0);
    h.clock.advance(1);
    expect(lines).toHaveLength(0);
    expect(await worker.runOnce()).toEqual({ ran: 1, failed: 1 });
    const failed = await queue.get(h.ctx(), id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: boom' });
    expect(failed?.finishedAt).toEqual(h.clock.now());
    expect(lines.some((line) => line.includes('"level":40') && line.includes(id))).toBe(true);
    h.clock.advance(3_600_000);
    expect((await worker.runOnce()).ran).toBe(0);
    expect(jobs.runsOf('test.always_fails')).toHaveLength(3);

    const retried = await queue.retry(h.ctx(staff('jobs.retry')), id);
    expect(retried).toMatchObject({ status: 'waiting', attempts: 0, finishedAt: null, runAt: h.clock.now() });
    expect(await worker.runOnce()).toEqual({ ran: 1, failed: 1 });
    expect(jobs.runsOf('test.always_fails')).toHaveLength(4);
  });

  it('a retried failed job can complete', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.flaky', {});
    await h.runtime.worker.runOnce();
    h.clock.advance(500);
    await h.runtime.worker.runOnce();
    expect((await h.runtime.queue.get(h.ctx(), id))?.status).toBe('failed');
    jobs.state.flakyFails = false;
    await h.runtime.queue.retry(h.ctx(), id);
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 1, failed: 0 });
    expect(await h.runtime.queue.get(h.ctx(), id)).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('picks up a job whose worker died mid-run once its lock expires, and not before', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin], { lockMs: 60_000 });
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 1 });
    // Another process claims the job and dies without finishing it.
    const claimed = await claimDueJobs(h.db, { names: ['test.echo'], limit: 5, workerId: 'wrk_dead', now: h.clock.now().getTime(), lockMs: 60_000 });
    expect(claimed.map((row) => row.id)).toEqual([id]);
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 0, failed: 0 });
    h.clock.advance(60_000);
    expect((await h.runtime.worker.runOnce()).ran).toBe(0);
    h.clock.advance(1);
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 1, failed: 0 });
    expect(jobs.runs.map((r) => r.payload)).toEqual([{ n: 1 }]);
    expect(await h.runtime.queue.get(h.ctx(), id)).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('fails a job whose last allowed attempt died with its worker, without running it again', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin], { lockMs: 1000 });
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 1 }, { maxAttempts: 1 });
    await claimDueJobs(h.db, { names: ['test.echo'], limit: 5, workerId: 'wrk_dead', now: h.clock.now().getTime(), lockMs: 1000 });
    h.clock.advance(1001);
    expect(await h.runtime.worker.runOnce()).toEqual({ ran: 1, failed: 1 });
    expect(jobs.runs).toHaveLength(0);
    const job = await h.runtime.queue.get(h.ctx(), id);
    expect(job?.status).toBe('failed');
    expect(job?.lastError).toContain('lock expired');
  });

  it('wakes on a committed enqueue, runs at most `concurrency` jobs at once, and stop() waits for them', async () => {
    const jobs = createTestJobsPlugin();
    // A poll interval far longer than the test: only the after-commit kick can start the jobs.
    h = await createJobsHarness([jobs.plugin], { config: { jobs: { pollIntervalMs: 600_000, concurrency: 2 } } });
    const { queue, worker } = h.runtime;
    onTestFinished(() => jobs.state.gate.open());
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await inTransaction(h.ctx(), async (trx) => {
      for (let n = 0; n < 5; n++) await queue.enqueue(trx, 'test.gated', { n });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(jobs.state.running).toBe(0);
    });
    await vi.waitFor(() => expect(jobs.state.running).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(jobs.state.running).toBe(2);

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    jobs.state.gate.open();
    await stopping;
    expect(jobs.state.maxRunning).toBe(2);
    // stop() let the two running jobs finish and claimed no more.
    expect(jobs.runsOf('test.gated')).toHaveLength(2);
    const remaining = await queue.list(h.ctx(), { status: 'waiting' });
    expect(remaining.jobs).toHaveLength(3);

    jobs.state.gate = createGate();
    jobs.state.gate.open();
    worker.start();
    await vi.waitFor(async () => expect((await queue.list(h!.ctx(), { status: 'completed' })).jobs).toHaveLength(5));
    expect(jobs.state.maxRunning).toBe(2);
  });

  it('claims no more than asked, oldest due first', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n }, { delayMs: 5 - n }));
    h.clock.advance(10);
    const claim = () => claimDueJobs(h!.db, { names: ['test.echo'], limit: 2, workerId: 'wrk_a', now: h!.clock.now().getTime(), lockMs: 1000 });
    expect((await claim()).map((row) => row.id)).toEqual([ids[4], ids[3]]);
    expect((await claim()).map((row) => row.id)).toEqual([ids[2], ids[1]]);
    expect((await claim()).map((row) => row.id)).toEqual([ids[0]]);
    expect(await claim()).toEqual([]);
  });

  it('runs each job exactly once when two workers claim at the same moment', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    const other = h.createRuntime();
    for (let n = 0; n < 40; n++) await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n });
    const [a, b] = await Promise.all([h.runtime.worker.runOnce(), other.worker.runOnce()]);
    expect(a.ran + b.ran).toBe(40);
    const seen = jobs.runs.map((r) => (r.payload as { n: number }).n).sort((x, y) => x - y);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });
});
