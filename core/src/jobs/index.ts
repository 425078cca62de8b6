/** The job queue: contracts, the database-backed implementation, its worker and scheduler. */
export type { EnqueueOptions, JobPage, JobQueue, JobQueueAdmin, JobRecord, ListJobsInput } from './job-queue.js';
export { DbJobQueue } from './db-job-queue.js';
export { JobWorker, DEFAULT_JOB_LOCK_MS, type JobWorkerOptions, type RunOnceResult } from './job-worker.js';
export { JobScheduler, cronUniqueKey, type JobSchedulerOptions } from './job-scheduler.js';
export { createJobsRuntime, type JobsRuntime, type JobsRuntimeOptions } from './jobs-runtime.js';
export { jobsAdminGraphQL, type JobsAdminSource } from './jobs.graphql.js';
export { jobPermissions, JobPermission } from './job-permissions.js';
export { jobMigrations } from './jobs.migrations.js';
export { DEFAULT_BACKOFF_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_BACKOFF_MS, retryDelayMs } from './job-retry-policy.js';
