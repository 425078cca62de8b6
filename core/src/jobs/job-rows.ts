import { fromJson } from '../db/json-column.js';
import type { JobRecord } from './job-queue.js';

/** The table holding every job. */
export const JOB_TABLE = 'plaza_job';

/** The table holding one row per recurring (cron) job. */
export const JOB_SCHEDULE_TABLE = 'plaza_job_schedule';

/** A job's status as stored. */
export type JobStatus = JobRecord['status'];

/** Every job status, in lifecycle order. */
export const JOB_STATUSES: readonly JobStatus[] = ['waiting', 'running', 'completed', 'failed'];

/** A `plaza_job` row as the drivers return it (PostgreSQL returns bigint columns as strings). */
export interface JobRow {
  id: string;
  name: string;
  payload: string;
  status: JobStatus;
  attempts: number | string;
  max_attempts: number | string;
  run_at: number | string;
  locked_by: string | null;
  locked_until: number | string | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: number | string;
  finished_at: number | string | null;
}

/** A `plaza_job_schedule` row as the drivers return it. */
export interface JobScheduleRow {
  name: string;
  cron: string;
  timezone: string;
  next_run_at: number | string;
  last_run_at: number | string | null;
}

import { epochMillis, epochMillisOrNull } from '../db/epoch-column.js';

/** Reads an epoch-ms column (number on SQLite, string on pg). */
export const millis = epochMillis;
/** {@link millis} for nullable columns. */
export const millisOrNull = epochMillisOrNull;

/** Turns a stored row into the {@link JobRecord} staff and tools see. */
export function toJobRecord(row: JobRow): JobRecord {
  const finishedAt = millisOrNull(row.finished_at);
  return {
    id: row.id,
    name: row.name,
    payload: fromJson(row.payload),
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: new Date(millis(row.run_at)),
    lastError: row.last_error,
    createdAt: new Date(millis(row.created_at)),
    finishedAt: finishedAt === null ? null : new Date(finishedAt),
  };
}
