import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJobsHarness, type JobsHarness } from './__tests__/jobs-harness.js';
import { createTestJobsPlugin } from './__tests__/test-jobs.plugin.js';
import { JOB_SCHEDULE_TABLE, JOB_TABLE, type JobRow, type JobScheduleRow } from './job-rows.js';

const HOUR = 3_600_000;

describe('JobScheduler', () => {
  let h: JobsHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const schedule = async (name: string) => (await h!.db(JOB_SCHEDULE_TABLE).where('name', name).first()) as JobScheduleRow | undefined;
  const jobRows = async (name: string) => (await h!.db(JOB_TABLE).where('name', name).orderBy('id')) as JobRow[];

  it('writes one schedule per recurring job, with the next run computed in the job time zone', async () => {
    h = await createJobsHarness([createTestJobsPlugin().plugin]);
    await h.runtime.scheduler.sync(); // clock: 2030-01-01T00:10Z
    expect(await schedule('test.hourly')).toMatchObject({ cron: '0 * * * *', timezone: 'UTC', last_run_at: null });
    expect(Number((await schedule('test.hourly'))?.next_run_at)).toBe(Date.parse('2030-01-01T01:00:00Z'));
    // 09:00 in Madrid is 08:00 UTC in January (CET, UTC+1).
    expect(await schedule('test.madrid_morning')).toMatchObject({ timezone: 'Europe/Madrid' });
    expect(Number((await schedule('test.madrid_morning'))?.next_run_at)).toBe(Date.parse('2030-01-01T08:00:00Z'));
    expect(await schedule('test.echo')).toBeUndefined();
  });

  it('enqueues a due job once per slot, with a unique key naming the slot, and it runs', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    const { scheduler, worker } = h.runtime;
    expect(await scheduler.tick()).toBe(0); // first tick syncs: next run 01:00
    expect(await scheduler.tick(h.clock.set('2030-01-01T00:59:59.999Z'))).toBe(0);
    expect(await scheduler.tick(h.clock.set('2030-01-01T01:00:00Z'))).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const [job] = await jobRows('test.hourly');
    expect(job).toMatchObject({ unique_key: 'cron:test.hourly:2030-01-01T01:00:00.000Z', status: 'waiting' });
    expect(Number((await schedule('test.hourly'))?.next_run_at)).toBe(Date.parse('2030-01-01T02:00:00Z'));
    expect(await worker.runOnce()).toEqual({ ran: 1, failed: 0 });
    expect(jobs.runsOf('test.hourly').map((r) => r.payload)).toEqual([{}]);
    expect(await scheduler.tick(h.clock.set('2030-01-01T02:00:00Z'))).toBe(1);
    expect(await jobRows('test.hourly')).toHaveLength(2);
  });

  it('enqueues each slot exactly once when two schedulers tick at the same moment', async () => {
    h = await createJobsHarness([createTestJobsPlugin().plugin]);
    const other = h.createRuntime();
    await h.runtime.scheduler.sync();
    await other.scheduler.sync();
    for (let hour = 1; hour <= 12; hour++) {
      const at = new Date(Date.parse('2030-01-01T00:00:00Z') + hour * HOUR);
      const [a, b] = await Promise.all([h.runtime.scheduler.tick(at), other.scheduler.tick(at)]);
      const expected = hour === 8 ? 2 : 1; // the Madrid job is due at 08:00 UTC as well
      expect(a + b).toBe(expected);
    }
    const hourly = await jobRows('test.hourly');
    expect(hourly).toHaveLength(12);
    expect(new Set(hourly.map((row) => row.unique_key)).size).toBe(12);
    expect(await jobRows('test.madrid_morning')).toHaveLength(1);
  });

  it('runs a recurring job once after downtime, not once per missed slot', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    await h.runtime.scheduler.sync(); // next run 01:00
    // Plaza was down from 00:10 to 05:30; a new process starts.
    h.clock.set('2030-01-01T05:30:00Z');
    const restarted = h.createRuntime();
    await restarted.scheduler.start();
    await restarted.scheduler.stop();
    expect(await jobRows('test.hourly')).toHaveLength(1);
    expect(Number((await schedule('test.hourly'))?.next_run_at)).toBe(Date.parse('2030-01-01T06:00:00Z'));
    expect(await restarted.scheduler.tick()).toBe(0);
    await restarted.worker.runOnce();
    expect(jobs.runsOf('test.hourly')).toHaveLength(1);
  });

  it('is started and stopped by the worker, which then runs what it enqueued', async () => {
    const jobs = createTestJobsPlugin();
    h = await createJobsHarness([jobs.plugin]);
    await h.runtime.scheduler.sync();
    h.clock.set('2030-01-01T01:00:00Z');
    h.runtime.worker.start();
    await vi.waitFor(() => expect(jobs.runsOf('test.hourly')).toHaveLength(1));
    await h.runtime.worker.stop();
    h.clock.set('2030-01-01T02:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 60)); // three poll intervals
    expect(await jobRows('test.hourly')).toHaveLength(1);
  });

  it('moves the next run when a job cron changes, and keeps it when it does not', async () => {
    h = await createJobsHarness([createTestJobsPlugin().plugin]);
    await h.runtime.scheduler.sync();
    h.clock.set('2030-01-01T00:20:00Z');
    await h.runtime.scheduler.sync();
    expect(Number((await schedule('test.hourly'))?.next_run_at)).toBe(Date.parse('2030-01-01T01:00:00Z'));

    const upgraded = h.createRuntime({ registry: await h.buildRegistry([createTestJobsPlugin({ hourlyCron: '*/15 * * * *' }).plugin]) });
    await upgraded.scheduler.sync();
    expect(await schedule('test.hourly')).toMatchObject({ cron: '*/15 * * * *' });
    expect(Number((await schedule('test.hourly'))?.next_run_at)).toBe(Date.parse('2030-01-01T00:30:00Z'));
  });
});
