import { createTestEnvironment, type TestEnvironment } from '@plaza/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import examplePlugin from './index.js';

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishStoreNoticeInput!) {
    publishStoreNotice(input: $input) { id title status expiresAt activity }
  }
`;
const LIST = /* GraphQL */ `
  query List($status: String, $first: Int, $after: String) {
    storeNotices(status: $status, first: $first, after: $after) {
      edges { cursor node { id title status activity } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface NoticeNode { id: string; title: string; status: string; activity: string[] }
interface ListData { storeNotices: { edges: { node: NoticeNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

describe('a plugin defined outside core: store notices', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [{ plugin: examplePlugin, options: { welcomeTitle: 'Hello stores' } }] });
  });
  afterAll(() => env?.close());

  it('adds a table and an admin mutation, and its subscriber records the event after commit', async () => {
    const { publishStoreNotice } = await env.adminClient.data<{ publishStoreNotice: NoticeNode }>(PUBLISH, {
      input: { title: 'Inventory count Sunday', body: 'All stores close at 6pm.' },
    });
    expect(publishStoreNotice).toMatchObject({ title: 'Inventory count Sunday', status: 'active', activity: [] });
    await env.drainEvents();
    await env.drainEvents();
    const { storeNotices } = await env.adminClient.data<ListData>(LIST, {});
    const node = storeNotices.edges.find((e) => e.node.id === publishStoreNotice.id)?.node;
    expect(node?.activity).toEqual(['published']);
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const before = await env.adminClient.data<ListData>(LIST, { first: 100 });
    const result = await env.adminClient.query(PUBLISH, { input: { title: '  ', body: 'x' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fields).toEqual([{ path: 'title', message: 'is required' }]);
    const after = await env.adminClient.data<ListData>(LIST, { first: 100 });
    expect(after.storeNotices.edges.length).toBe(before.storeNotices.edges.length);
  });

  it('enforces its permissions in the service', async () => {
    const anonymous = await env.anonymousAdminClient.query(PUBLISH, { input: { title: 'a', body: 'b' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await env.limitedAdminClient.query(PUBLISH, { input: { title: 'a', body: 'b' } });
    expect(limited.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(limited.errors?.[0]?.message).toContain('notices.manage');
  });

  it('runs its recurring job, which expires due notices and publishes notice.expired', async () => {
    const soon = new Date(Date.now() + 60_000);
    const { publishStoreNotice } = await env.adminClient.data<{ publishStoreNotice: NoticeNode }>(PUBLISH, {
      input: { title: 'Flash sale', body: 'Today only', expiresAt: soon.toISOString() },
    });
    // Let the notice's time pass (moving its expiry into the past), then let the minute's run come due.
    await env.plaza.db('example_store_notice').where('id', publishStoreNotice.id).update({ expires_at: Date.now() - 1_000 });
    await env.runJobs(new Date(Date.now() + 120_000));
    await env.drainEvents();
    const { storeNotices } = await env.adminClient.data<ListData>(LIST, { status: 'expired' });
    const expired = storeNotices.edges.find((e) => e.node.id === publishStoreNotice.id)?.node;
    expect(expired?.status).toBe('expired');
    expect(expired?.activity).toEqual(['published', 'expired']);
  });

  it('paginates with cursors', async () => {
    for (const title of ['p1', 'p2', 'p3']) await env.adminClient.data(PUBLISH, { input: { title, body: 'b' } });
    const page1 = await env.adminClient.data<ListData>(LIST, { first: 2 });
    expect(page1.storeNotices.edges).toHaveLength(2);
    expect(page1.storeNotices.pageInfo.hasNextPage).toBe(true);
    const page2 = await env.adminClient.data<ListData>(LIST, { first: 2, after: page1.storeNotices.pageInfo.endCursor });
    const ids = [...page1.storeNotices.edges, ...page2.storeNotices.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page2.storeNotices.edges[0]?.node.title).toBe('p1');
    const bad = await env.adminClient.query(LIST, { first: 2, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await env.adminClient.query(LIST, { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.reason).toBe('PAGE_SIZE_INVALID');
  });

  it('seeds its demo data with its validated options', async () => {
    await env.plaza.seed({ demo: true });
    const { storeNotices } = await env.adminClient.data<ListData>(LIST, { first: 100 });
    expect(storeNotices.edges.map((e) => e.node.title)).toContain('Hello stores');
  });
});
