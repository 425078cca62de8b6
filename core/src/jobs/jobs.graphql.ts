import type { IResolvers } from '@graphql-tools/utils';
import { requirePermission } from '../kernel/authorization.js';
import type { Ctx } from '../kernel/context.js';
import type { GraphQLContribution } from '../kernel/plugin.js';
import { JobPermission } from './job-permissions.js';
import type { JobQueue, JobQueueAdmin, ListJobsInput } from './job-queue.js';

/** The admin schema's job types. `DateTime`, `JSON` and `PageInfo` come from the gateway's base schema. */
const typeDefs = /* GraphQL */ `
  "Where a background job is in its life."
  enum JobStatus {
    WAITING
    RUNNING
    COMPLETED
    FAILED
  }

  "A background job."
  type Job {
    id: ID!
    name: String!
    payload: JSON
    status: JobStatus!
    "Attempts started so far."
    attempts: Int!
    maxAttempts: Int!
    "When the job runs (next)."
    runAt: DateTime!
    "The error of the last failed attempt."
    lastError: String
    createdAt: DateTime!
    finishedAt: DateTime
  }

  type JobEdge {
    cursor: String!
    node: Job!
  }

  type JobConnection {
    edges: [JobEdge!]!
    pageInfo: PageInfo!
  }

  type Query {
    "One background job, or null. Needs jobs.read."
    job(id: ID!): Job
    "Background jobs, newest first. Needs jobs.read."
    jobs(status: JobStatus, name: String, first: Int = 20, after: String): JobConnection!
  }

  type Mutation {
    "Sends a failed job back to the queue with a fresh set of attempts, due now. Needs jobs.retry."
    retryJob(id: ID!): Job!
  }
`;

/** What the job resolvers need: a queue with staff tools (the jobs runtime). */
export interface JobsAdminSource {
  readonly queue: JobQueueAdmin & Pick<JobQueue, 'get'>;
}

function resolvers(runtime: JobsAdminSource): IResolvers<unknown, Ctx> {
  return {
    JobStatus: { WAITING: 'waiting', RUNNING: 'running', COMPLETED: 'completed', FAILED: 'failed' },
    Query: {
      job: (_root: unknown, args: { id: string }, ctx: Ctx) => {
        requirePermission(ctx, JobPermission.Read);
        return runtime.queue.get(ctx, args.id);
      },
      jobs: async (_root: unknown, args: ListJobsInput, ctx: Ctx) => {
        const page = await runtime.queue.list(ctx, args);
        return {
          edges: page.jobs.map(({ cursor, job }) => ({ cursor, node: job })),
          pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        };
      },
    },
    Mutation: {
      retryJob: (_root: unknown, args: { id: string }, ctx: Ctx) => runtime.queue.retry(ctx, args.id),
    },
  };
}

/**
 * The admin API's part for jobs: `job(id)`, `jobs(status, name, first, after)` as a Relay
 * connection and `retryJob(id)`, checked against `jobs.read` / `jobs.retry`.
 * Call it with the runtime for a whole {@link GraphQLContribution}, or use its `typeDefs` and
 * `resolvers(runtime)` to merge it with other contributions of one module.
 */
export const jobsAdminGraphQL = Object.assign(
  (runtime: JobsAdminSource): GraphQLContribution => ({ typeDefs, resolvers: () => resolvers(runtime) }),
  { typeDefs, resolvers },
);
