import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { fromJson } from '../db/json-column.js';
import { createCtx } from '../kernel/context.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { DEFAULT_BACKOFF_MS, retryDelayMs } from './job-retry-policy.js';
import { JOB_TABLE, type JobRow } from './job-rows.js';

/** How one claimed job ended: done, back to waiting for another attempt, or failed for good. */
export type JobOutcome = 'completed' | 'retrying' | 'failed';

/** What {@link JobExecution} needs. */
export interface JobExecutionOptions {
  db: Knex;
  registry: PluginRegistry;
  logger: Logger;
  now: () => Date;
  workerId: string;
  lockMs: number;
  maxBackoffMs: number;
}

const MAX_ERROR_LENGTH = 4000;

/**
 * Runs claimed jobs: calls the job's `run(payload, ctx, scope)` with a system ctx on the root
 * database (the job opens its own transactions), keeps the lock alive while it runs, and records
 * the outcome. Every write is conditional on this claim (`locked_by` + `attempts`), so a worker
 * that lost its lock cannot overwrite the job's newer state.
 */
export class JobExecution {
  constructor(private readonly options: JobExecutionOptions) {}

  /** Runs one claimed job and records its outcome; never throws. */
  async execute(row: JobRow): Promise<JobOutcome> {
    const { logger } = this.options;
    const attempts = Number(row.attempts);
    if (attempts > Number(row.max_attempts)) {
      // The claim recovered an expired lock after the last allowed attempt: its worker died mid-run.
      return this.settle(row, new Error(`The worker running attempt ${attempts - 1} stopped before it finished (lock expired)`));
    }
    const heartbeat = setInterval(() => void this.extendLock(row), Math.max(50, Math.floor(this.options.lockMs / 3)));
    heartbeat.unref();
    try {
      await this.runHandler(row);
    } catch (error) {
      return this.settle(row, error);
    } finally {
      clearInterval(heartbeat);
    }
    try {
      await this.update(row, { status: 'completed', finished_at: this.now(), unique_key: null, locked_by: null, locked_until: null });
      return 'completed';
    } catch (error) {
      logger.error({ err: error, jobId: row.id, job: row.name }, 'could not record a completed job; it will run again when its lock expires');
      return 'completed';
    }
  }

  private async runHandler(row: JobRow): Promise<void> {
    const entry = this.options.registry.jobs.get(row.name);
    if (!entry) throw new Error(`No plugin declares a job named "${row.name}"`);
    const stored = fromJson(row.payload);
    const payload = entry.job.payload ? entry.job.payload.parse(stored) : stored;
    const ctx = createCtx({
      db: this.options.db,
      logger: this.options.logger.child({ job: row.name, jobId: row.id, attempt: Number(row.attempts) }),
    });
    await entry.job.run(payload as never, ctx, entry.plugin.scope);
  }

  /** Records a failed attempt: back to waiting after the backoff, or failed after the last attempt. */
  private async settle(row: JobRow, error: unknown): Promise<JobOutcome> {
    const { logger, registry, maxBackoffMs } = this.options;
    const attempts = Number(row.attempts);
    const maxAttempts = Number(row.max_attempts);
    const lastError = describe(error);
    const log = { err: error, jobId: row.id, job: row.name, attempts, maxAttempts };
    try {
      if (attempts >= maxAttempts) {
        await this.update(row, { status: 'failed', finished_at: this.now(), last_error: lastError, unique_key: null, locked_by: null, locked_until: null });
        logger.warn(log, `job ${row.name} failed after ${attempts} attempts`);
        return 'failed';
      }
      const backoffMs = registry.jobs.get(row.name)?.job.backoffMs ?? DEFAULT_BACKOFF_MS;
      const runAt = this.now() + retryDelayMs(backoffMs, attempts, maxBackoffMs);
      await this.update(row, { status: 'waiting', run_at: runAt, last_error: lastError, locked_by: null, locked_until: null });
      logger.info({ ...log, runAt: new Date(runAt).toISOString() }, `job ${row.name} failed; retrying`);
      return 'retrying';
    } catch (dbError) {
      logger.error({ err: dbError, jobId: row.id, job: row.name }, 'could not record a failed job; it will run again when its lock expires');
      return 'retrying';
    }
  }

  private async extendLock(row: JobRow): Promise<void> {
    try {
      await this.update(row, { locked_until: this.now() + this.options.lockMs });
    } catch (error) {
      this.options.logger.warn({ err: error, jobId: row.id }, 'could not extend a job lock');
    }
  }

  private async update(row: JobRow, values: Partial<JobRow>): Promise<void> {
    const changed = await this.options
      .db(JOB_TABLE)
      .where({ id: row.id, locked_by: this.options.workerId, attempts: Number(row.attempts), status: 'running' })
      .update(values);
    if (changed === 0) {
      this.options.logger.warn({ jobId: row.id, job: row.name }, 'lost the lock of a running job (it ran longer than the lock or was taken over)');
    }
  }

  private now(): number {
    return this.options.now().getTime();
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
