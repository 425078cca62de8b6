import { afterCommit } from '../db/transaction.js';
import { toJson } from '../db/json-column.js';
import { requirePermission } from '../kernel/authorization.js';
import type { Ctx } from '../kernel/context.js';
import { errors, PlazaError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { AnyJobDefinition } from '../kernel/plugin.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { encodeCursor, readPageArgs } from '../gateway/connection.js';
import { JobPermission } from './job-permissions.js';
import type { EnqueueOptions, JobPage, JobQueue, JobQueueAdmin, JobRecord, ListJobsInput } from './job-queue.js';
import { DEFAULT_MAX_ATTEMPTS } from './job-retry-policy.js';
import { JOB_TABLE, toJobRecord, type JobRow } from './job-rows.js';

/** How often enqueue re-tries when the job holding its unique key finishes in between. */
const UNIQUE_RETRIES = 3;

/**
 * The database-backed {@link JobQueue}. Jobs are rows written with `ctx.db`, so a job enqueued
 * inside a transaction exists only once it commits; the worker is woken after the commit.
 */
export class DbJobQueue implements JobQueue, JobQueueAdmin {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly registry: PluginRegistry,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Calls `listener` after each committed enqueue or retry (the worker's `kick`); returns an unsubscribe. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async enqueue<T>(ctx: Ctx, name: string, payload: T, options: EnqueueOptions = {}): Promise<string> {
    const job = this.definition(name);
    const row: JobRow = {
      id: newId('job'),
      name,
      payload: toJson(validatePayload(job, payload)),
      status: 'waiting',
      attempts: 0,
      max_attempts: maxAttemptsOf(job, options),
      run_at: this.runAt(options),
      locked_by: null,
      locked_until: null,
      last_error: null,
      unique_key: options.uniqueKey ?? null,
      created_at: this.now().getTime(),
      finished_at: null,
    };
    if (row.unique_key === null) {
      await ctx.db(JOB_TABLE).insert(row);
      this.wakeAfterCommit(ctx);
      return row.id;
    }
    for (let attempt = 0; attempt < UNIQUE_RETRIES; attempt++) {
      // ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable when the key is taken.
      await ctx.db(JOB_TABLE).insert(row).onConflict('unique_key').ignore();
      const holder = (await ctx.db(JOB_TABLE).select('id').where('unique_key', row.unique_key).first()) as { id: string } | undefined;
      if (holder) {
        if (holder.id === row.id) this.wakeAfterCommit(ctx);
        return holder.id;
      }
      // The job holding the key finished between the two statements: its key is free again.
    }
    throw new PlazaError('CONFLICT', `Could not enqueue job "${name}" with unique key "${row.unique_key}"; try again`, { reason: 'JOB_UNIQUE_KEY_BUSY' });
  }

  async get(ctx: Ctx, id: string): Promise<JobRecord | null> {
    const row = (await ctx.db(JOB_TABLE).where('id', id).first()) as JobRow | undefined;
    return row ? toJobRecord(row) : null;
  }

  /** Jobs for staff tools, newest first, cursor-paginated. Needs `jobs.read`. */
  async list(ctx: Ctx, input: ListJobsInput = {}): Promise<JobPage> {
    requirePermission(ctx, JobPermission.Read);
    const { size: first, afterKey } = readPageArgs(input);
    const query = ctx.db(JOB_TABLE).select('*').orderBy('id', 'desc').limit(first + 1);
    if (input.status) query.where('status', input.status);
    if (input.name) query.where('name', input.name);
    if (afterKey) query.where('id', '<', afterKey);
    const rows = (await query) as JobRow[];
    const page = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.id), job: toJobRecord(row) }));
    return { jobs: page, hasNextPage: rows.length > first, endCursor: page.at(-1)?.cursor ?? null };
  }

  /** Sends a failed job back to the queue with a fresh set of attempts, due now. Needs `jobs.retry`. */
  async retry(ctx: Ctx, id: string): Promise<JobRecord> {
    requirePermission(ctx, JobPermission.Retry);
    const updated = await ctx
      .db(JOB_TABLE)
      .where({ id, status: 'failed' })
      .update({ status: 'waiting', attempts: 0, run_at: this.now().getTime(), finished_at: null, locked_by: null, locked_until: null });
    const job = await this.get(ctx, id);
    if (!job) throw errors.notFound('Job', id);
    if (updated === 0) throw errors.conflict(`Only a failed job can be retried; job ${id} is ${job.status}`, 'JOB_NOT_FAILED');
    this.wakeAfterCommit(ctx);
    return job;
  }

  private definition(name: string): AnyJobDefinition {
    const entry = this.registry.jobs.get(name);
    if (!entry) {
      const known = [...this.registry.jobs.keys()].sort();
      throw new PlazaError('BAD_USER_INPUT', `No plugin declares a job named "${name}"${known.length ? ` (known jobs: ${known.join(', ')})` : ''}`, {
        reason: 'JOB_UNKNOWN',
        details: { name },
      });
    }
    return entry.job;
  }

  private runAt(options: EnqueueOptions): number {
    if (options.runAt !== undefined) {
      const at = options.runAt.getTime();
      if (Number.isNaN(at)) throw errors.badInput('runAt is not a valid date', [{ path: 'runAt', message: 'invalid date' }]);
      return at;
    }
    const delay = options.delayMs ?? 0;
    if (!Number.isFinite(delay) || delay < 0) throw errors.badInput('delayMs must be zero or more', [{ path: 'delayMs', message: 'must be ≥ 0' }]);
    return this.now().getTime() + delay;
  }

  private wakeAfterCommit(ctx: Ctx): void {
    afterCommit(ctx.db, () => {
      for (const listener of this.listeners) listener();
    });
  }
}

function maxAttemptsOf(job: AnyJobDefinition, options: EnqueueOptions): number {
  const value = options.maxAttempts ?? job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(value) || value < 1) {
    throw errors.badInput('maxAttempts must be a whole number of at least 1', [{ path: 'maxAttempts', message: 'must be ≥ 1' }]);
  }
  return value;
}

/**
 * The payload as it will be stored: a JSON round trip, checked against the job's schema, so
 * what validates now is exactly what the worker parses later.
 */
function validatePayload(job: AnyJobDefinition, payload: unknown): unknown {
  let plain: unknown;
  try {
    plain = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
  } catch (error) {
    throw errors.badInput(`The payload of job "${job.name}" is not JSON-serialisable: ${(error as Error).message}`, undefined, 'JOB_PAYLOAD_INVALID');
  }
  if (!job.payload) return plain;
  const result = job.payload.safeParse(plain);
  if (result.success) return plain;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const summary = fields.map((f) => `${f.path || '(payload)'}: ${f.message}`).join('; ');
  throw errors.badInput(`The payload of job "${job.name}" is invalid: ${summary}`, fields, 'JOB_PAYLOAD_INVALID');
}
