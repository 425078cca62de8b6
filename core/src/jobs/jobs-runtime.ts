import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../kernel/config.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { DbJobQueue } from './db-job-queue.js';
import { JobScheduler } from './job-scheduler.js';
import { JobWorker } from './job-worker.js';

/** What {@link createJobsRuntime} needs. */
export interface JobsRuntimeOptions {
  /** The root database. */
  db: Knex;
  registry: PluginRegistry;
  config: Pick<ResolvedConfig, 'jobs'>;
  logger: Logger;
  /** The clock (tests pass one they control). */
  now?: () => Date;
  /** Lock duration of a claimed job before another worker may take it over (default 5 minutes). */
  lockMs?: number;
  /** Longest wait between two attempts (default one hour). */
  maxBackoffMs?: number;
}

/** The database-backed job queue with its worker and recurring-job scheduler. */
export interface JobsRuntime {
  /** Bind it as `Tokens.JobQueue`; a committed enqueue wakes `worker`. */
  readonly queue: DbJobQueue;
  /** `worker.start()` / `worker.stop()` also start and stop `scheduler`. */
  readonly worker: JobWorker;
  /** Recurring jobs; `tick(now)` and `sync(now)` for tests and tools. */
  readonly scheduler: JobScheduler;
}

/**
 * Builds the jobs runtime. Every process needs `queue`; a process that runs jobs calls
 * `worker.start()` (which also starts the scheduler) and `await worker.stop()` on shutdown.
 */
export function createJobsRuntime(options: JobsRuntimeOptions): JobsRuntime {
  const queue = new DbJobQueue(options.registry, options.now);
  const scheduler = new JobScheduler({ ...options, queue });
  const worker = new JobWorker({ ...options, scheduler });
  queue.onEnqueued(() => worker.kick());
  return { queue, worker, scheduler };
}
