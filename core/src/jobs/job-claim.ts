import type { Knex } from 'knex';
import { dialectOf } from '../db/database.js';
import { JOB_TABLE, type JobRow } from './job-rows.js';

/** What a worker asks for when it claims jobs. */
export interface ClaimRequest {
  /** Job names this process can run (others stay waiting for a process that can). */
  names: readonly string[];
  /** Most jobs to claim. */
  limit: number;
  /** Recorded in `locked_by`; finishing a job checks it. */
  workerId: string;
  /** The current time, epoch ms. */
  now: number;
  /** How long the claim holds before another worker may take the job over. */
  lockMs: number;
}

/**
 * Claims up to `limit` due jobs in one statement: waiting jobs whose `run_at` has come, and
 * running jobs whose lock expired (their worker died). Each claimed job becomes `running`,
 * locked by `workerId`, with `attempts` incremented; the claimed rows are returned.
 *
 * On PostgreSQL the candidates are locked with `FOR UPDATE SKIP LOCKED` (in a materialized CTE,
 * evaluated once), so several processes claim disjoint jobs without waiting on each other; the
 * due condition is checked again on the updated rows as a second guard. On SQLite a single statement is atomic, and no transaction is
 * held across awaits (the pool's one connection stays free).
 */
export async function claimDueJobs(db: Knex, request: ClaimRequest): Promise<JobRow[]> {
  if (request.limit < 1 || request.names.length === 0) return [];
  const { now } = request;
  const due = (q: Knex.QueryBuilder): void => {
    void q
      .where((w) => void w.where('status', 'waiting').andWhere('run_at', '<=', now))
      .orWhere((w) => void w.where('status', 'running').andWhere('locked_until', '<', now));
  };
  const candidates = db(JOB_TABLE).select('id').where(due).whereIn('name', request.names).orderBy('run_at').orderBy('id').limit(request.limit);
  if (dialectOf(db) === 'postgres') void candidates.forUpdate().skipLocked();
  // A materialized CTE is evaluated exactly once. As a plain `IN (subquery)`, PostgreSQL may
  // re-scan the subquery, and with SKIP LOCKED each re-scan returns other rows: more than `limit`.
  const rows = (await db
    .withMaterialized('claimable', candidates)
    .from(JOB_TABLE)
    .whereIn('id', db.select('id').from('claimable'))
    .where(due)
    .update({
      status: 'running',
      attempts: db.raw('attempts + 1'),
      locked_by: request.workerId,
      locked_until: now + request.lockMs,
    })
    .returning('*')) as JobRow[];
  // RETURNING has no order; run the oldest due first.
  return rows.sort((a, b) => Number(a.run_at) - Number(b.run_at) || a.id.localeCompare(b.id));
}
