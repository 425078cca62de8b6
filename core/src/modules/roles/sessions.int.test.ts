import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { RolesTables as T } from './roles.tables.js';
import { pruneEndedSessions } from './session-prune.job.js';
import { SESSION_IDLE_MS } from './session-store.js';
import { CREATE_STAFF, LOGIN, ME } from './__tests__/roles-queries.js';

type Login = { login: { token: string; expiresAt: string; me: { id: string; email: string; permissions: string[] } } };

describe('staff sign-in and sessions', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  async function newStaff(email: string, password = 'correct horse battery'): Promise<string> {
    const created = await env.adminClient.data<{ createStaffMember: { staffMember: { id: string } } }>(CREATE_STAFF, {
      input: { email, name: 'Ana', password, assignments: [{ roleCode: 'store-associate' }] },
    });
    return created.createStaffMember.staffMember.id;
  }

  it('logs in, answers me with effective permissions, and logs out', async () => {
    await newStaff('Ana@Shop.Example');
    const { login } = await env.anonymousAdminClient.data<Login>(LOGIN, { email: ' ana@shop.example ', password: 'correct horse battery' });
    expect(login.token).toMatch(/^pzs_[A-Za-z0-9_-]{43}$/);
    expect(login.me.email).toBe('ana@shop.example');
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    const ana = env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${login.token}` });
    const { me } = await ana.data<{ me: { email: string; permissions: string[]; assignments: { role: { code: string }; platformIds: null }[] } }>(ME);
    expect(me.assignments).toEqual([expect.objectContaining({ role: { code: 'store-associate' }, platformIds: null })]);
    expect(me.permissions).toEqual(login.me.permissions);
    const stored = await env.plaza.db(T.session).where('staff_id', login.me.id).first('token_hash');
    expect(stored.token_hash).not.toContain(login.token.slice(4));
    expect((await ana.data<{ logout: boolean }>('mutation { logout }')).logout).toBe(true);
    const after = await ana.query(ME);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED' });
    expect(after.errors?.[0]?.message).toContain('signed out');
  });

  it('authenticates a request with one indexed query', async () => {
    const statements: string[] = [];
    const listener = (q: { sql: string }) => statements.push(q.sql);
    await env.adminClient.data('{ viewer { id } }');
    env.plaza.db.on('query', listener);
    try {
      await env.adminClient.data('{ viewer { id } }');
    } finally {
      env.plaza.db.off('query', listener);
    }
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('token_hash');
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    await newStaff('ben@shop.example');
    const wrong = await env.anonymousAdminClient.query(LOGIN, { email: 'ben@shop.example', password: 'not the password' });
    const unknown = await env.anonymousAdminClient.query(LOGIN, { email: 'nobody@shop.example', password: 'not the password' });
    expect(wrong.errors?.[0]).toMatchObject({ message: 'The email or password is not correct', extensions: { code: 'UNAUTHENTICATED', reason: 'CREDENTIALS_INVALID' } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(unknown.errors?.[0]?.extensions).toEqual(wrong.errors?.[0]?.extensions);
  });

  it('expires sessions after 12 idle hours and after 7 days, saying so', async () => {
    await newStaff('cara@shop.example');
    const sign = async () => (await env.anonymousAdminClient.data<Login>(LOGIN, { email: 'cara@shop.example', password: 'correct horse battery' })).login;
    const idle = await sign();
    await env.plaza.db(T.session).where('staff_id', idle.me.id).update({ last_used_at: Date.now() - SESSION_IDLE_MS - 1000 });
    const idleAnswer = await env.anonymousAdminClient.query(ME, undefined, { authorization: `Bearer ${idle.token}` });
    expect(idleAnswer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
    expect(idleAnswer.errors?.[0]?.message).toContain('12 hours');
    const old = await sign();
    const client = env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${old.token}` });
    expect((await client.data<{ me: { email: string } }>(ME)).me.email).toBe('cara@shop.example');
    await env.plaza.db(T.session).whereNull('revoked_at').where('staff_id', old.me.id).update({ expires_at: Date.now() - 1 });
    const oldAnswer = await client.query(ME);
    expect(oldAnswer.errors?.[0]?.extensions).toMatchObject({ reason: 'SESSION_EXPIRED' });
    expect(oldAnswer.errors?.[0]?.message).toContain('7 days');
    // A month later the ended session is deleted; open ones stay.
    const open = await env.plaza.db(T.session).whereNull('revoked_at').where('expires_at', '>', Date.now()).count({ n: '*' });
    expect(await pruneEndedSessions(env.plaza.db, Date.now() + 31 * 86_400_000)).toBeGreaterThanOrEqual(1);
    expect(await env.plaza.db(T.session).whereNull('revoked_at').where('expires_at', '>', Date.now()).count({ n: '*' })).toEqual(open);
  });

  it('lists my sessions, revokes one, and a password change ends the others', async () => {
    await newStaff('dan@shop.example');
    const sign = async () => (await env.anonymousAdminClient.data<Login>(LOGIN, { email: 'dan@shop.example', password: 'correct horse battery' })).login.token;
    const [first, second, third] = [await sign(), await sign(), await sign()];
    const as = (token: string) => env.anonymousAdminClient.withHeaders({ authorization: `Bearer ${token}` });
    const { mySessions } = await as(first).data<{ mySessions: { id: string; current: boolean; idleExpiresAt: string }[] }>('{ mySessions { id current idleExpiresAt } }');
    expect(mySessions).toHaveLength(3);
    expect(mySessions.filter((s) => s.current)).toHaveLength(1);
    const thirdId = mySessions[0]!.id; // newest first
    await as(first).data('mutation($id: ID!) { revokeSession(id: $id) { id } }', { id: thirdId });
    expect((await as(third).query(ME)).errors?.[0]?.extensions).toMatchObject({ reason: 'SESSION_REVOKED' });

    const short = await as(first).query('mutation { changePassword(currentPassword: "correct horse battery", newPassword: "short") { id } }');
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'newPassword' }] });
    const badCurrent = await as(first).query('mutation { changePassword(currentPassword: "nope nope nope", newPassword: "a new long password") { id } }');
    expect(badCurrent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'currentPassword' }] });
    await as(first).data('mutation { changePassword(currentPassword: "correct horse battery", newPassword: "a new long password") { id } }');
    expect((await as(first).data<{ me: { email: string } }>(ME)).me.email).toBe('dan@shop.example');
    const ended = await as(second).query(ME);
    expect(ended.errors?.[0]?.extensions).toMatchObject({ reason: 'SESSION_REVOKED' });
    expect(ended.errors?.[0]?.message).toContain('password was changed');
    expect((await env.anonymousAdminClient.query(LOGIN, { email: 'dan@shop.example', password: 'correct horse battery' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await env.anonymousAdminClient.data(LOGIN, { email: 'dan@shop.example', password: 'a new long password' });
  });

  it('ends the sessions of a disabled account and refuses its sign-in', async () => {
    const id = await newStaff('eve@shop.example');
    const { login } = await env.anonymousAdminClient.data<Login>(LOGIN, { email: 'eve@shop.example', password: 'correct horse battery' });
    await env.adminClient.data('mutation($id: ID!) { disableStaffMember(id: $id) { status } }', { id });
    const answer = await env.anonymousAdminClient.query(ME, undefined, { authorization: `Bearer ${login.token}` });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DISABLED' });
    const again = await env.anonymousAdminClient.query(LOGIN, { email: 'eve@shop.example', password: 'correct horse battery' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DISABLED' });
  });
});
