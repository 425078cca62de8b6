import type { PermissionDefinition } from '../kernel/plugin.js';

/** Permission codes of the job queue's staff tools. */
export const JobPermission = {
  /** See jobs, their payloads and errors. */
  Read: 'jobs.read',
  /** Send a failed job back to the queue. */
  Retry: 'jobs.retry',
} as const;

/** The job queue's permissions, for the manifest that declares the jobs module. */
export const jobPermissions: PermissionDefinition[] = [
  { code: JobPermission.Read, description: 'See background jobs, their payloads, attempts and errors' },
  { code: JobPermission.Retry, description: 'Retry a background job that failed' },
];
