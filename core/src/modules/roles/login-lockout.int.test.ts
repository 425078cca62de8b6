import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { RolesTables as T } from './roles.tables.js';
import { LOGIN } from './__tests__/roles-queries.js';

const PASSWORD = 'the right password';

describe('sign-in brute-force protection', () => {
  let env: TestEnvironment;
  let staffId: string;
  beforeAll(async () => {
    env = await createTestEnvironment();
    staffId = (await env.signIn({ email: 'till@shop.example', roles: [{ role: 'store-associate' }] })).staffId;
    await env.adminClient.data('mutation($id: ID!, $p: String) { resetStaffPassword(id: $id, password: $p) { staffMember { id } } }', { id: staffId, p: PASSWORD });
  });
  afterAll(() => env?.close());

  const attempt = (email: string, password: string) => env.anonymousAdminClient.query(LOGIN, { email, password });

  it.concurrent('after 20 wrong passwords in a row refuses the right one with a clear lock message, until the lock expires', async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push((await attempt('till@shop.example', `wrong password ${i}`)).errors?.[0]);
    expect(answers.slice(0, 9).every((e) => e?.extensions?.reason === 'CREDENTIALS_INVALID')).toBe(true);
    expect(answers.slice(9).every((e) => e?.extensions?.reason === 'LOGIN_LOCKED')).toBe(true);

    const refused = (await attempt('till@shop.example', PASSWORD)).errors?.[0];
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED' });
    expect(refused?.message).toMatch(/^Too many failed sign-ins; try again after \d\d:\d\d UTC$/);
    const retryAfter = (refused?.extensions?.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const member = await env.adminClient.data<{ staffMember: { lockedUntil: string | null; failedLoginCount: number } }>(
      'query($id: ID!) { staffMember(id: $id) { lockedUntil failedLoginCount } }',
      { id: staffId },
    );
    expect(member.staffMember.lockedUntil).not.toBeNull();

    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string; after: Record<string, unknown> } }[] } }>(
      'query($id: String) { auditLog(filter: { entityId: $id, action: "staff.locked_out" }) { edges { node { action after } } } }',
      { id: staffId },
    );
    expect(audit.auditLog.edges).toHaveLength(1);
    expect(JSON.stringify(audit.auditLog.edges)).not.toContain('wrong password');

    await env.plaza.db(T.staff).where('id', staffId).update({ locked_until: Date.now() - 1000 });
    const { login } = (await env.anonymousAdminClient.data<{ login: { me: { id: string } } }>(LOGIN, { email: 'till@shop.example', password: PASSWORD }));
    expect(login.me.id).toBe(staffId);
    const reset = await env.plaza.db(T.staff).where('id', staffId).first('failed_login_count', 'locked_until');
    expect(Number(reset.failed_login_count)).toBe(0);
    expect(reset.locked_until).toBeNull();
  });

  it.concurrent('answers an unknown email exactly like a known one, lock included', async () => {
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await attempt('ghost@shop.example', `wrong password ${i}`)).errors?.[0]);
    expect(answers.slice(0, 9).every((e) => e?.extensions?.reason === 'CREDENTIALS_INVALID' && e.message === 'The email or password is not correct')).toBe(true);
    expect(answers[9]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED' });
    expect(answers[10]?.message).toMatch(/^Too many failed sign-ins; try again after \d\d:\d\d UTC$/);
  });
});
