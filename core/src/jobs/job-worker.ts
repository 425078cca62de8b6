import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../kernel/config.js';
import { newId } from '../kernel/ids.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { claimDueJobs } from './job-claim.js';
import { JobExecution, type JobOutcome } from './job-execution.js';
import { DEFAULT_MAX_BACKOFF_MS } from './job-retry-policy.js';
import type { JobRow } from './job-rows.js';

/** Default time a claimed job stays locked before another worker may take it over (5 minutes). */
export const DEFAULT_JOB_LOCK_MS = 5 * 60 * 1000;

/** What a {@link JobWorker} needs. */
export interface JobWorkerOptions {
  /** The root database (the worker never holds a transaction). */
  db: Knex;
  registry: PluginRegistry;
  config: Pick<ResolvedConfig, 'jobs'>;
  logger: Logger;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Lock duration of a claimed job; renewed while it runs (default 5 minutes). */
  lockMs?: number;
  /** Longest wait between two attempts (default one hour). */
  maxBackoffMs?: number;
  /** Recorded in `locked_by` (default a new `wrk_…` id). */
  workerId?: string;
  /** Started and stopped with the worker (the recurring-job scheduler). */
  scheduler?: { start(): Promise<void>; stop(): Promise<void> };
}

/** What {@link JobWorker.runOnce} did: jobs claimed and attempted, and how many of them did not complete. */
export interface RunOnceResult {
  ran: number;
  failed: number;
}

/**
 * Runs due jobs: polls every `config.jobs.pollIntervalMs` (or at once when kicked after an
 * enqueue commits), runs up to `config.jobs.concurrency` jobs at once, and picks up jobs whose
 * lock expired because their process died. `start()` / `stop()` also drive the scheduler
 * given in the options.
 */
export class JobWorker {
  /** This worker's id, as recorded in `locked_by`. */
  readonly id: string;
  private readonly inFlight = new Map<string, Promise<JobOutcome>>();
  private readonly execution: JobExecution;
  private readonly now: () => Date;
  private readonly lockMs: number;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  /** The last claim filled every free slot: more jobs may be due when one finishes. */
  private backlog = false;

  constructor(private readonly options: JobWorkerOptions) {
    this.id = options.workerId ?? newId('wrk');
    this.now = options.now ?? (() => new Date());
    this.lockMs = options.lockMs ?? DEFAULT_JOB_LOCK_MS;
    this.execution = new JobExecution({
      db: options.db,
      registry: options.registry,
      logger: options.logger.child({ component: 'job-worker', workerId: this.id }),
      now: this.now,
      workerId: this.id,
      lockMs: this.lockMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
    });
  }

  /** Is the worker polling? */
  get isStarted(): boolean {
    return this.started;
  }

  /** Starts polling and the scheduler (the timers do not keep the process alive). Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.options.scheduler?.start().catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'the recurring-job scheduler could not start');
    });
    this.timer = setInterval(() => this.kick(), this.options.config.jobs.pollIntervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops the scheduler, stops claiming jobs and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.started = false;
    await this.options.scheduler?.stop();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Looks for due jobs now instead of at the next poll (no-op when not started). */
  kick(): void {
    if (!this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.poll().finally(() => {
      this.polling = null;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.kick();
      }
    });
  }

  /**
   * Claims and runs every job due now, `concurrency` at a time, until none is left (for tests
   * and the CLI; works whether or not the worker is started). Jobs that failed and wait for a
   * later retry are not run again.
   */
  async runOnce(): Promise<RunOnceResult> {
    const result: RunOnceResult = { ran: 0, failed: 0 };
    for (;;) {
      const rows = await this.claim(this.options.config.jobs.concurrency);
      if (rows.length === 0) return result;
      const outcomes = await Promise.all(rows.map((row) => this.execution.execute(row)));
      result.ran += rows.length;
      result.failed += outcomes.filter((outcome) => outcome !== 'completed').length;
    }
  }

  private async poll(): Promise<void> {
    const free = this.options.config.jobs.concurrency - this.inFlight.size;
    if (free <= 0) {
      this.backlog = true;
      return;
    }
    let rows: JobRow[];
    try {
      rows = await this.claim(free);
    } catch (error) {
      this.options.logger.error({ err: error, workerId: this.id }, 'could not claim jobs; retrying at the next poll');
      return;
    }
    this.backlog = rows.length === free;
    for (const row of rows) this.launch(row);
  }

  private launch(row: JobRow): void {
    const run = this.execution.execute(row).finally(() => {
      this.inFlight.delete(row.id);
      if (this.backlog) this.kick();
    });
    this.inFlight.set(row.id, run);
  }

  private claim(limit: number): Promise<JobRow[]> {
    return claimDueJobs(this.options.db, {
      names: [...this.options.registry.jobs.keys()],
      limit,
      workerId: this.id,
      now: this.now().getTime(),
      lockMs: this.lockMs,
    });
  }
}
