import type { Ctx } from '../kernel/context.js';

/** Options of one enqueued job. */
export interface EnqueueOptions {
  /** Run no earlier than this moment (delayed job). */
  runAt?: Date;
  /** Or after this many milliseconds. */
  delayMs?: number;
  /** At most one waiting or running job per key; a second enqueue returns the first's id. */
  uniqueKey?: string;
  /** Overrides the job type's maxAttempts. */
  maxAttempts?: number;
}

/** A job as staff and tools see it. */
export interface JobRecord {
  id: string;
  name: string;
  payload: unknown;
  status: 'waiting' | 'running' | 'completed' | 'failed';
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * The job queue. The default implementation is database-backed (works on SQLite and
 * PostgreSQL, several workers over PostgreSQL); a Redis/BullMQ plugin can bind another.
 * Enqueueing with `ctx.db` inside a transaction makes the job exist only if that commits.
 */
export interface JobQueue {
  enqueue<T>(ctx: Ctx, name: string, payload: T, options?: EnqueueOptions): Promise<string>;
  get(ctx: Ctx, id: string): Promise<JobRecord | null>;
}

/** Filters and page of {@link JobQueueAdmin.list}; newest jobs first. */
export interface ListJobsInput {
  status?: JobRecord['status'] | null;
  name?: string | null;
  /** Page size, 1–100 (default 20). */
  first?: number | null;
  /** The `endCursor` of the previous page. */
  after?: string | null;
}

/** One page of jobs with what a Relay connection needs. */
export interface JobPage {
  jobs: { cursor: string; job: JobRecord }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Staff tools over a job queue (the admin API's `jobs` and `retryJob`). Implementations check
 * `jobs.read` / `jobs.retry` on the ctx's actor.
 */
export interface JobQueueAdmin {
  /** Jobs, newest first, cursor-paginated. */
  list(ctx: Ctx, input?: ListJobsInput): Promise<JobPage>;
  /** Sends a failed job back to the queue with a fresh set of attempts, due now. */
  retry(ctx: Ctx, id: string): Promise<JobRecord>;
}
