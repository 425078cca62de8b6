import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CREATE_STAFF, LOGIN } from './__tests__/roles-queries.js';

type Page = { staffMembers: { edges: { cursor: string; node: { email: string; name: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const LIST = `query($first: Int, $after: String, $filter: StaffFilter, $orderBy: StaffOrder) {
  staffMembers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { edges { cursor node { email name status } } pageInfo { hasNextPage endCursor } }
}`;

describe('staff list', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
    for (const [email, name] of [['zoe@shop.example', 'Zoe Quinn'], ['adam@shop.example', 'Adam Smith'], ['mia@shop.example', 'Mía López'], ['bo_b@shop.example', 'Bob 100%']]) {
      await env.adminClient.data(CREATE_STAFF, { input: { email, name, password: 'a long enough password', assignments: [{ roleCode: 'store-associate' }] } });
    }
  });
  afterAll(() => env?.close());

  const list = (variables: Record<string, unknown>) => env.adminClient.data<Page>(LIST, variables);

  it('pages through staff in email order with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await list({ first: 2, after, orderBy: { field: 'EMAIL' }, filter: { search: '@shop.example' } });
      seen.push(...page.staffMembers.edges.map((e) => e.node.email));
      after = page.staffMembers.pageInfo.hasNextPage ? page.staffMembers.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['adam@shop.example', 'bo_b@shop.example', 'mia@shop.example', 'zoe@shop.example']);
    const byName = await list({ orderBy: { field: 'NAME', direction: 'DESC' }, filter: { search: 'shop.example' } });
    expect(byName.staffMembers.edges.map((e) => e.node.name)).toEqual(['Zoe Quinn', 'Mía López', 'Bob 100%', 'Adam Smith']);
    const wrongCursor = await env.adminClient.query(LIST, { orderBy: { field: 'NAME' }, after: byName.staffMembers.edges[0]!.cursor.slice(0, 4) });
    expect(wrongCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by search (LIKE characters taken literally), status and role', async () => {
    expect((await list({ filter: { search: 'SMITH' } })).staffMembers.edges.map((e) => e.node.email)).toEqual(['adam@shop.example']);
    expect((await list({ filter: { search: '100%' } })).staffMembers.edges.map((e) => e.node.email)).toEqual(['bo_b@shop.example']);
    expect((await list({ filter: { search: 'o_b' } })).staffMembers.edges.map((e) => e.node.email)).toEqual(['bo_b@shop.example']);
    const { roles } = await env.adminClient.data<{ roles: { id: string; code: string }[] }>('{ roles { id code } }');
    const owners = await list({ filter: { roleId: roles.find((r) => r.code === 'owner')!.id } });
    expect(owners.staffMembers.edges.map((e) => e.node.email)).toEqual(['owner@plaza.test']);
    expect((await env.limitedAdminClient.query(LIST, {})).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
  });

  it('disables and re-enables an account, which lifts a sign-in lock', async () => {
    const found = await env.adminClient.data<{ staffMembers: { edges: { node: { id: string; status: string } }[] } }>('{ staffMembers(filter: { search: "zoe@" }) { edges { node { id status } } } }');
    const zoe = found.staffMembers.edges[0]!.node.id;
    expect(found.staffMembers.edges[0]!.node.status).toBe('ACTIVE');
    await env.adminClient.data('mutation($id: ID!) { disableStaffMember(id: $id) { id } }', { id: zoe });
    expect((await list({ filter: { status: 'DISABLED' } })).staffMembers.edges.map((e) => e.node.email)).toEqual(['zoe@shop.example']);
    await env.plaza.db('plaza_staff').where('id', zoe).update({ locked_until: Date.now() + 60_000, failed_login_count: 10 });
    const enabled = await env.adminClient.data<{ updateStaffMember: { status: string; lockedUntil: string | null } }>(
      'mutation($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { status lockedUntil } }',
      { input: { id: zoe, status: 'ACTIVE' } },
    );
    expect(enabled.updateStaffMember).toEqual({ status: 'ACTIVE', lockedUntil: null });
    await env.anonymousAdminClient.data(LOGIN, { email: 'zoe@shop.example', password: 'a long enough password' });
  });
});
