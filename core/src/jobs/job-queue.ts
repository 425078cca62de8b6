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
