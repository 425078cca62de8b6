import { createRequire } from 'node:module';
import type * as GraphQLModule from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeSchema } from '../gateway/schema-composer.js';
import type { Actor } from '../kernel/context.js';
import { definePlugin } from '../kernel/plugin.js';
import { createJobsHarness, staff, type JobsHarness } from './__tests__/jobs-harness.js';
import { createTestJobsPlugin } from './__tests__/test-jobs.plugin.js';
import { jobsAdminGraphQL } from './jobs.graphql.js';

// Under vitest, `import 'graphql'` in a test resolves to graphql's index.mjs while the external
// @graphql-tools packages load index.js: two realms. Execute with the one the schema was built with.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof GraphQLModule;

const JOBS = /* GraphQL */ `
  query Jobs($status: JobStatus, $name: String, $first: Int, $after: String) {
    jobs(status: $status, name: $name, first: $first, after: $after) {
      edges { cursor node { id name payload status attempts maxAttempts runAt lastError createdAt finishedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const JOB = /* GraphQL */ `
  query Job($id: ID!) { job(id: $id) { id name payload status } }
`;
const RETRY = /* GraphQL */ `
  mutation Retry($id: ID!) { retryJob(id: $id) { id status attempts lastError finishedAt } }
`;

describe('jobs admin GraphQL', () => {
  let h: JobsHarness;
  let execute: (source: string, variables: Record<string, unknown>, actor?: Actor | null) => ReturnType<typeof graphql>;

  beforeEach(async () => {
    // The contribution as a module declares it, composed with the gateway's base schema.
    const jobsApi = definePlugin({
      name: 'test.jobs_api',
      version: '1.0.0',
      graphql: { admin: { typeDefs: jobsAdminGraphQL.typeDefs, resolvers: () => jobsAdminGraphQL(h.runtime).resolvers!(undefined as never) } },
    });
    h = await createJobsHarness([createTestJobsPlugin().plugin, jobsApi]);
    const schema = composeSchema('admin', h.registry);
    execute = (source, variables, actor) => graphql({ schema, source, variableValues: variables, contextValue: h.ctx(actor) });
  });
  afterEach(() => h.close());

  it('pages through jobs as a Relay connection, filtered by status and name', async () => {
    for (let n = 0; n < 3; n++) await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n });
    await h.runtime.queue.enqueue(h.ctx(), 'test.flaky', {});
    const reader = staff('jobs.read');

    const first = await execute(JOBS, { name: 'test.echo', first: 2 }, reader);
    expect(first.errors).toBeUndefined();
    const page1 = (first.data as { jobs: { edges: { cursor: string; node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }).jobs;
    expect(page1.edges.map((e) => e.node.payload)).toEqual([{ n: 2 }, { n: 1 }]);
    expect(page1.edges[0]?.node).toMatchObject({ name: 'test.echo', status: 'WAITING', attempts: 0, maxAttempts: 5, lastError: null, finishedAt: null, runAt: '2030-01-01T00:10:00.000Z' });
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[1]?.cursor });

    const second = await execute(JOBS, { name: 'test.echo', first: 2, after: page1.pageInfo.endCursor }, reader);
    expect(second.data).toMatchObject({ jobs: { edges: [{ node: { payload: { n: 0 } } }], pageInfo: { hasNextPage: false } } });

    const waiting = await execute(JOBS, { status: 'WAITING' }, reader);
    expect((waiting.data as { jobs: { edges: unknown[] } }).jobs.edges).toHaveLength(4);
    const failed = await execute(JOBS, { status: 'FAILED' }, reader);
    expect(failed.data).toMatchObject({ jobs: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
  });

  it('shows one job by id', async () => {
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 9 });
    expect((await execute(JOB, { id }, staff('jobs.read'))).data).toEqual({ job: { id, name: 'test.echo', payload: { n: 9 }, status: 'WAITING' } });
    expect((await execute(JOB, { id: 'job_missing' }, staff('jobs.read'))).data).toEqual({ job: null });
  });

  it('retries a failed job', async () => {
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.flaky', {}, { maxAttempts: 1 });
    await h.runtime.worker.runOnce();
    const result = await execute(RETRY, { id }, staff('jobs.retry'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ retryJob: { id, status: 'WAITING', attempts: 0, lastError: 'Error: flaky is failing', finishedAt: null } });
  });

  it('checks jobs.read and jobs.retry', async () => {
    const id = await h.runtime.queue.enqueue(h.ctx(), 'test.echo', { n: 1 });
    const code = (r: Awaited<ReturnType<typeof graphql>>) => (r.errors?.[0]?.originalError as { code?: string } | undefined)?.code;
    expect(code(await execute(JOBS, {}, staff('jobs.retry')))).toBe('FORBIDDEN');
    expect(code(await execute(JOB, { id }, staff('jobs.retry')))).toBe('FORBIDDEN');
    expect(code(await execute(JOBS, {}, null))).toBe('UNAUTHENTICATED');
    expect(code(await execute(RETRY, { id }, staff('jobs.read')))).toBe('FORBIDDEN');
    expect(code(await execute(RETRY, { id }, staff('jobs.retry')))).toBe('CONFLICT');
  });
});
