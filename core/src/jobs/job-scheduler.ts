import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { inTransaction } from '../db/transaction.js';
import type { ResolvedConfig } from '../kernel/config.js';
import { createCtx } from '../kernel/context.js';
import type { AnyJobDefinition } from '../kernel/plugin.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { DEFAULT_CRON_TIMEZONE, nextCronRun } from './cron-schedule.js';
import type { JobQueue } from './job-queue.js';
import { JOB_SCHEDULE_TABLE, millis, type JobScheduleRow } from './job-rows.js';

/** What a {@link JobScheduler} needs. */
export interface JobSchedulerOptions {
  /** The root database. */
  db: Knex;
  registry: PluginRegistry;
  /** Where due recurring jobs are enqueued (inside the transaction that advances the schedule). */
  queue: JobQueue;
  config: Pick<ResolvedConfig, 'jobs'>;
  logger: Logger;
  now?: () => Date;
}

/** The unique key of the job enqueued for one cron slot: `cron:<name>:<slot ISO time>`. */
export function cronUniqueKey(name: string, slot: Date): string {
  return `cron:${name}:${slot.toISOString()}`;
}

/**
 * Enqueues recurring jobs (every JobDefinition with a `cron`). Each job has one row in
 * `plaza_job_schedule`; a due row is advanced with a conditional update
 * (`where next_run_at = <old>`) in the same transaction as the enqueue, so with several
 * processes exactly one of them enqueues each slot. Slots missed while Plaza was down run once,
 * not once per missed slot. Cron jobs receive the payload `{}`.
 */
export class JobScheduler {
  private readonly now: () => Date;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | null = null;
  private synced = false;

  constructor(private readonly options: JobSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger.child({ component: 'job-scheduler' });
  }

  /**
   * Syncs the schedules, enqueues what is due (slots missed while down run once), then ticks
   * every poll interval. A failing tick (database not migrated yet, …) is logged and retried at
   * the next one. Idempotent.
   */
  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tickInBackground(), this.options.config.jobs.pollIntervalMs);
    this.timer.unref();
    await this.tickInBackground();
  }

  /** Stops ticking; waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /**
   * Writes a schedule row for every recurring job that has none, and moves the next run of a job
   * whose cron or time zone changed. An unchanged row keeps its `next_run_at`, so a slot missed
   * while Plaza was down is still due.
   */
  async sync(now: Date = this.now()): Promise<void> {
    const { db } = this.options;
    for (const job of this.recurringJobs().values()) {
      const cron = job.cron as string;
      const timezone = job.timezone ?? DEFAULT_CRON_TIMEZONE;
      const nextRunAt = nextCronRun(cron, timezone, now).getTime();
      const row = (await db(JOB_SCHEDULE_TABLE).where('name', job.name).first()) as JobScheduleRow | undefined;
      if (!row) {
        const fresh: JobScheduleRow = { name: job.name, cron, timezone, next_run_at: nextRunAt, last_run_at: null };
        await db(JOB_SCHEDULE_TABLE).insert(fresh).onConflict('name').ignore();
      } else if (row.cron !== cron || row.timezone !== timezone) {
        await db(JOB_SCHEDULE_TABLE).where({ name: job.name, cron: row.cron, timezone: row.timezone }).update({ cron, timezone, next_run_at: nextRunAt });
        this.logger.info({ job: job.name, cron, timezone }, 'recurring job schedule changed');
      }
    }
    this.synced = true;
  }

  /**
   * Enqueues every recurring job due at `now` whose slot this process wins; returns how many it
   * enqueued. The first tick of a scheduler that was not started syncs the schedules first.
   */
  async tick(now: Date = this.now()): Promise<number> {
    const jobs = this.recurringJobs();
    if (jobs.size === 0) return 0;
    if (!this.synced) await this.sync(now);
    const { db, logger } = this.options;
    const due = (await db(JOB_SCHEDULE_TABLE)
      .whereIn('name', [...jobs.keys()])
      .where('next_run_at', '<=', now.getTime())
      .orderBy('next_run_at')) as JobScheduleRow[];
    let enqueued = 0;
    for (const row of due) {
      try {
        if (await this.fire(row, now)) enqueued++;
      } catch (error) {
        this.logger.error({ err: error, job: row.name }, 'could not enqueue a recurring job; trying again at the next tick');
      }
    }
    if (enqueued > 0) logger.debug({ enqueued }, 'recurring jobs enqueued');
    return enqueued;
  }

  /** Advances one due schedule and enqueues its job, both or neither; false when another process won. */
  private async fire(row: JobScheduleRow, now: Date): Promise<boolean> {
    const slot = millis(row.next_run_at);
    const next = nextCronRun(row.cron, row.timezone, now).getTime();
    const ctx = createCtx({ db: this.options.db, logger: this.logger });
    return inTransaction(ctx, async (trx) => {
      const won = await trx.db(JOB_SCHEDULE_TABLE).where({ name: row.name, next_run_at: slot }).update({ next_run_at: next, last_run_at: now.getTime() });
      if (won === 0) return false;
      await this.options.queue.enqueue(trx, row.name, {}, { uniqueKey: cronUniqueKey(row.name, new Date(slot)) });
      return true;
    });
  }

  private tickInBackground(): Promise<number> {
    if (this.ticking) return this.ticking;
    this.ticking = this.tick()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'recurring job tick failed');
        return 0;
      })
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private recurringJobs(): Map<string, AnyJobDefinition> {
    const jobs = new Map<string, AnyJobDefinition>();
    for (const [name, { job }] of this.options.registry.jobs) if (job.cron) jobs.set(name, job);
    return jobs;
  }
}
