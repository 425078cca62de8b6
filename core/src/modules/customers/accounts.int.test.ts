import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { platformWithKey } from '../catalog/__tests__/catalog-harness.js';
import { CustomerMergeService } from './customer-merge.js';
import { CustomerService } from './customer.service.js';
import { CustomerTables as T } from './customer.migrations.js';
import { IdentityResolver } from './identity-resolver.js';
import { pruneCustomerSessions } from './customer-session-prune.job.js';
import { A, asCustomer, errorOf, freshEmail, login, mailedToken, outboxPayloads, PASSWORD, readMe, register } from './__tests__/account-harness.js';

let env: TestEnvironment;
let web: { id: string; channel: GraphQLClient };
let app: { id: string; channel: GraphQLClient };

beforeAll(async () => {
  env = await createTestEnvironment();
  web = await platformWithKey(env, 'es-ES');
  app = await platformWithKey(env, 'en-GB');
});
afterAll(() => env?.close());

describe('registration', () => {
  it('creates a new customer with an unverified e-mail, signs in, and asks for verification by event', async () => {
    const email = freshEmail();
    const { registerCustomer } = await web.channel.data<{ registerCustomer: { token: string; expiresAt: string; me: Record<string, unknown> } }>(A.register, {
      input: { email: `  ${email.toUpperCase()} `, password: PASSWORD, firstName: 'Ana', lastName: 'Ruiz', consents: [{ purpose: 'marketing', channel: 'email', granted: true, wordingVersion: 'v1' }] },
    });
    expect(registerCustomer.token).toMatch(/^pzc_/);
    expect(new Date(registerCustomer.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(registerCustomer.me).toMatchObject({ firstName: 'Ana', lastName: 'Ruiz', locale: 'es-ES', email, emailVerified: false });
    await env.drainEvents();
    const me = await readMe(asCustomer(web.channel, registerCustomer.token));
    // Not an identity until verified.
    expect(me.identities).toEqual([]);
    expect(me.consents).toEqual([{ purpose: 'marketing', channel: 'email', granted: true, wordingVersion: 'v1', platformId: web.id }]);
    expect(me.timeline.edges.map((e) => e.node.kind)).toEqual(expect.arrayContaining(['customer.created', 'account.registered', 'consent.changed']));
    const [requested] = (await outboxPayloads<Record<string, string>>(env, 'customer.email_verification_requested')).filter((p) => p.customerId === me.id);
    expect(requested).toMatchObject({ email, platformId: web.id });
    expect(requested!.token).toMatch(/^pzv_/);
    // Other events carry no personal data.
    const registered = (await outboxPayloads(env, 'customer.registered')).find((p) => p.customerId === me.id);
    expect(JSON.stringify(registered)).not.toContain(email);
    // Stored tokens and passwords are hashes.
    const tokenRow = (await env.plaza.db(T.token).where('customer_id', me.id).first()) as { token_hash: string };
    expect(tokenRow.token_hash).not.toContain(requested!.token);
    const account = (await env.plaza.db(T.account).where('customer_id', me.id).first()) as { password_hash: string };
    expect(account.password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses an e-mail that already has an account (any spelling) with EMAIL_TAKEN', async () => {
    const email = freshEmail();
    await register(web.channel, email);
    expect(await errorOf(app.channel, A.register, { input: { email: email.toUpperCase(), password: PASSWORD } })).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN', fields: [{ path: 'email' }] });
  });

  it('names the field of a weak password or a bad e-mail', async () => {
    expect(await errorOf(web.channel, A.register, { input: { email: freshEmail(), password: 'short' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REGISTRATION_INVALID',
      fields: [{ path: 'password', message: expect.stringContaining('at least 10') }],
    });
    const bad = await errorOf(web.channel, A.register, { input: { email: 'not-an-email', password: PASSWORD, consents: [{ purpose: 'marketing', channel: 'pigeon', granted: true, wordingVersion: 'v1' }] } });
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['consents.0.channel', 'email']);
  });

  it('needs a platform key', async () => {
    expect((await errorOf(env.channelClient(), A.register, { input: { email: freshEmail(), password: PASSWORD } })).code).toBe('UNAUTHENTICATED');
  });
});

describe('e-mail verification', () => {
  it('links the e-mail as a verified identity, once, with the token of the signed-in customer', async () => {
    const email = freshEmail();
    const { client, customerId } = await register(web.channel, email);
    const token = (await mailedToken(env, 'customer.email_verification_requested', email))!;
    // The token alone is not enough: verifying needs the account's session.
    expect(await errorOf(web.channel, A.verify, { token })).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_AUTH_REQUIRED' });
    expect(await errorOf(client, A.verify, { token: 'pzv_guessed' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOKEN_INVALID', fields: [{ path: 'token' }] });
    expect(await client.data(A.verify, { token })).toEqual({ verifyCustomerEmail: 'ADDED' });
    expect(await errorOf(client, A.verify, { token })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOKEN_USED' });
    await env.drainEvents();
    const me = await readMe(client);
    expect(me).toMatchObject({ id: customerId, emailVerified: true, identities: [{ kind: 'email', namespace: '', verified: true }] });
    expect(me.identities[0]!.masked).not.toContain(email.split('@')[0]);
    expect(me.timeline.edges.map((e) => e.node.kind)).toEqual(expect.arrayContaining(['account.email_verified', 'identity.linked']));
    expect((await outboxPayloads(env, 'customer.email_verified')).some((p) => p.customerId === customerId)).toBe(true);
    expect(await errorOf(client, A.resend)).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_ALREADY_VERIFIED' });
  });

  it('refuses an expired token, and a token of another account', async () => {
    const email = freshEmail();
    const { client, customerId } = await register(web.channel, email);
    const other = await register(web.channel, freshEmail());
    const token = (await mailedToken(env, 'customer.email_verification_requested', email))!;
    expect(await errorOf(other.client, A.verify, { token })).toMatchObject({ reason: 'TOKEN_INVALID' });
    await env.plaza.db(T.token).where({ customer_id: customerId, kind: 'verify_email' }).update({ expires_at: Date.now() - 1 });
    expect(await errorOf(client, A.verify, { token })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOKEN_EXPIRED' });
    // A new e-mail: the earlier link stops working, the new one verifies.
    expect(await client.data(A.resend)).toEqual({ resendCustomerEmailVerification: true });
    const fresh = (await mailedToken(env, 'customer.email_verification_requested', email))!;
    expect(fresh).not.toBe(token);
    expect(await client.data(A.verify, { token: fresh })).toEqual({ verifyCustomerEmail: 'ADDED' });
  });
});

describe('verification when another account is known by the address', () => {
  it('does not merge two accounts: staff get a merge suggestion instead', async () => {
    const address = freshEmail('shared');
    const first = await register(web.channel, freshEmail());
    const sys = env.plaza.systemCtx();
    await env.plaza.container.resolve(CustomerService).addIdentity(sys, first.customerId, { kind: 'email', value: address, verified: true });
    const second = await register(web.channel, address);
    const token = (await mailedToken(env, 'customer.email_verification_requested', address))!;
    expect(await second.client.data(A.verify, { token })).toEqual({ verifyCustomerEmail: 'SUGGESTED' });
    expect((await readMe(second.client)).identities).toEqual([]);
    const suggestions = await env.plaza.container.resolve(CustomerMergeService).suggestions(sys, { customerId: second.customerId });
    expect(suggestions.edges.map((e) => [e.node.customerId, e.node.candidateId])).toEqual([[second.customerId, first.customerId]]);
  });
});

describe('sign-in and sessions', () => {
  it('answers an unknown e-mail and a wrong password alike; signs in on any platform; logs out', async () => {
    const email = freshEmail();
    const { customerId } = await register(web.channel, email);
    const wrong = await errorOf(web.channel, A.login, { email, password: 'not the password' });
    const unknown = await errorOf(web.channel, A.login, { email: freshEmail('nobody'), password: 'not the password' });
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CREDENTIALS_INVALID' });
    expect(unknown).toEqual(wrong);

    // Before verification the customer signs in and sees only their own new record.
    const session = await login(app.channel, email.toUpperCase());
    expect(session.customerId).toBe(customerId);
    expect(session.token).toMatch(/^pzc_/);
    // A session is valid on every platform of the brand.
    expect((await readMe(asCustomer(web.channel, session.token))).id).toBe(customerId);
    expect((await readMe(session.client)).id).toBe(customerId);

    expect(await session.client.data(A.logout)).toEqual({ customerLogout: true });
    expect(await errorOf(session.client, A.me)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_SESSION_REVOKED' });
    expect(await errorOf(asCustomer(web.channel, 'pzc_unknown'), A.me)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_SESSION_INVALID' });
    expect(await errorOf(web.channel, A.me)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_AUTH_REQUIRED' });
    // An admin token means nothing on the channel API.
    expect((await errorOf(asCustomer(web.channel, env.adminToken), A.me)).code).toBe('UNAUTHENTICATED');
  });

  it('locks an e-mail after 10 failed sign-ins, whether or not it has an account', async () => {
    const email = freshEmail();
    await register(web.channel, email);
    const nobody = freshEmail('nobody');
    const attempts = async (address: string) => {
      const reasons: (string | undefined)[] = [];
      for (let i = 0; i < 10; i++) reasons.push((await errorOf(web.channel, A.login, { email: address, password: 'wrong password' })).reason);
      return reasons;
    };
    const [known, unknown] = await Promise.all([attempts(email), attempts(nobody)]);
    expect(known).toEqual([...Array(9).fill('CREDENTIALS_INVALID'), 'LOGIN_LOCKED']);
    expect(unknown).toEqual(known);
    // Locked: even the right password is refused.
    expect(await errorOf(web.channel, A.login, { email, password: PASSWORD })).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED' });
  });

  it('ends expired sessions', async () => {
    const { client, customerId } = await register(web.channel, freshEmail());
    await env.plaza.db(T.session).where('customer_id', customerId).update({ expires_at: Date.now() - 1 });
    expect(await errorOf(client, A.me)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_SESSION_EXPIRED' });
  });

  it('signs the merged customer out when staff merge their record into another; they sign in to the survivor', async () => {
    const email = freshEmail();
    const { client, customerId } = await register(web.channel, email);
    const survivor = await env.plaza.container.resolve(IdentityResolver).resolve(env.plaza.systemCtx(), { platformId: null, source: 'pos', identities: [{ kind: 'phone', value: '+34 622 00 00 01', verified: true }] });
    await env.plaza.container.resolve(CustomerMergeService).merge(env.plaza.systemCtx(), survivor.customer.id, customerId);
    expect(await errorOf(client, A.me)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_SESSION_INVALID' });
    const again = await login(web.channel, email);
    expect(again.customerId).toBe(survivor.customer.id);
    expect((await readMe(again.client)).identities.map((i) => i.kind)).toEqual(['phone']);
  });

  it('prunes sessions and tokens that ended more than 30 days ago', async () => {
    const { customerId } = await register(web.channel, freshEmail());
    const old = Date.now() - 31 * 86_400_000;
    await env.plaza.db(T.session).where('customer_id', customerId).update({ revoked_at: old });
    await env.plaza.db(T.token).where('customer_id', customerId).update({ expires_at: old });
    const deleted = await pruneCustomerSessions(env.plaza.db);
    expect(deleted.sessions).toBeGreaterThanOrEqual(1);
    expect(deleted.tokens).toBeGreaterThanOrEqual(1);
    expect(await env.plaza.db(T.session).where('customer_id', customerId)).toEqual([]);
  });
});

describe('passwords', () => {
  it('sends a reset e-mail only when an account exists, answering alike either way', async () => {
    const email = freshEmail();
    const nobody = freshEmail('nobody');
    await register(web.channel, email);
    const known = await web.channel.query(A.requestReset, { email });
    const unknown = await web.channel.query(A.requestReset, { email: nobody });
    expect(known).toEqual(unknown);
    expect(known.data).toEqual({ requestCustomerPasswordReset: true });
    expect(await mailedToken(env, 'customer.password_reset_requested', email)).toMatch(/^pzr_/);
    expect(await mailedToken(env, 'customer.password_reset_requested', nobody)).toBeUndefined();
  });

  it('sends at most 5 reset e-mails an hour per account, still answering alike', async () => {
    const email = freshEmail();
    await register(web.channel, email);
    for (let i = 0; i < 7; i++) expect(await web.channel.data(A.requestReset, { email })).toEqual({ requestCustomerPasswordReset: true });
    expect((await outboxPayloads<{ email: string }>(env, 'customer.password_reset_requested')).filter((p) => p.email === email)).toHaveLength(5);
  });

  it('resets the password with the token once; every session ends', async () => {
    const email = freshEmail();
    const first = await register(web.channel, email);
    const second = await login(app.channel, email);
    await web.channel.data(A.requestReset, { email });
    const token = (await mailedToken(env, 'customer.password_reset_requested', email))!;
    expect(await errorOf(web.channel, A.reset, { token, newPassword: 'short' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'newPassword' }] });
    expect(await web.channel.data(A.reset, { token, newPassword: 'a brand new passphrase' })).toEqual({ resetCustomerPassword: true });
    expect(await errorOf(web.channel, A.reset, { token, newPassword: 'another new passphrase' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOKEN_USED' });
    for (const client of [first.client, second.client]) expect((await errorOf(client, A.me)).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(web.channel, A.login, { email, password: PASSWORD })).reason).toBe('CREDENTIALS_INVALID');
    expect((await login(web.channel, email, 'a brand new passphrase')).customerId).toBe(first.customerId);
    // Reset links expire after an hour; verification tokens are not reset tokens.
    await web.channel.data(A.requestReset, { email });
    const late = (await mailedToken(env, 'customer.password_reset_requested', email))!;
    await env.plaza.db(T.token).where({ customer_id: first.customerId, kind: 'reset_password' }).whereNull('used_at').update({ expires_at: Date.now() - 1 });
    expect(await errorOf(web.channel, A.reset, { token: late, newPassword: 'yet another passphrase' })).toMatchObject({ reason: 'TOKEN_EXPIRED' });
    const verifyToken = (await mailedToken(env, 'customer.email_verification_requested', email))!;
    expect(await errorOf(web.channel, A.reset, { token: verifyToken, newPassword: 'yet another passphrase' })).toMatchObject({ reason: 'TOKEN_INVALID' });
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const email = freshEmail();
    const mine = await register(web.channel, email);
    const elsewhere = await login(app.channel, email);
    expect(await errorOf(mine.client, A.changePassword, { currentPassword: 'wrong password', newPassword: 'a changed passphrase' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PASSWORD_INCORRECT',
      fields: [{ path: 'currentPassword' }],
    });
    expect(await mine.client.data(A.changePassword, { currentPassword: PASSWORD, newPassword: 'a changed passphrase' })).toEqual({ changeCustomerPassword: true });
    expect((await readMe(mine.client)).id).toBe(mine.customerId);
    expect((await errorOf(elsewhere.client, A.me)).code).toBe('UNAUTHENTICATED');
    expect((await login(web.channel, email, 'a changed passphrase')).customerId).toBe(mine.customerId);
  });
});

describe('profile, address book and consents', () => {
  it('round-trips the profile, addresses (with defaults) and consents of the signed-in customer only', async () => {
    const { client } = await register(web.channel, freshEmail());
    const other = await register(web.channel, freshEmail());
    expect(await client.data(A.updateProfile, { input: { firstName: ' Álvaro ', locale: 'es-ES' } })).toMatchObject({ updateMyProfile: { firstName: 'Álvaro', lastName: 'Shopper', locale: 'es-ES' } });
    expect(await errorOf(client, A.updateProfile, { input: { locale: 'not a locale' } })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'locale' }] });

    const home = (await client.data<{ addMyAddress: { id: string } }>(A.addAddress, { input: { label: 'Home', line1: 'Calle Mayor 1', city: 'Madrid', country: 'es', postalCode: '28013' } })).addMyAddress;
    const work = (await client.data<{ addMyAddress: { id: string } }>(A.addAddress, { input: { label: 'Work', line1: 'Gran Vía 2', city: 'Madrid', country: 'ES' } })).addMyAddress;
    expect(await errorOf(client, A.addAddress, { input: { line1: '', city: 'Madrid', country: 'Spain' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ADDRESS_INVALID' });
    expect((await errorOf(client, A.addAddress, { input: { line1: '', city: 'Madrid', country: 'Spain' } })).fields.map((f) => f.path).sort()).toEqual(['country', 'line1']);
    expect(await client.data(A.updateAddress, { id: work.id, input: { label: 'Office', line1: 'Gran Vía 3', city: 'Madrid', country: 'ES' } })).toMatchObject({ updateMyAddress: { id: work.id, label: 'Office', line1: 'Gran Vía 3' } });
    expect(await client.data(A.setDefault, { id: home.id })).toEqual({ setMyDefaultAddress: { defaultShippingAddressId: home.id, defaultBillingAddressId: home.id } });
    expect(await client.data(A.setDefault, { id: work.id, use: 'BILLING' })).toEqual({ setMyDefaultAddress: { defaultShippingAddressId: home.id, defaultBillingAddressId: work.id } });
    // Another customer's address book is out of reach.
    expect((await errorOf(other.client, A.updateAddress, { id: home.id, input: { line1: 'x', city: 'y', country: 'ES' } })).code).toBe('NOT_FOUND');
    expect((await errorOf(other.client, A.setDefault, { id: home.id })).code).toBe('NOT_FOUND');
    expect(await other.client.data(A.removeAddress, { id: home.id })).toEqual({ removeMyAddress: false });
    expect(await client.data(A.removeAddress, { id: home.id })).toEqual({ removeMyAddress: true });

    expect(await client.data(A.setConsent, { input: { purpose: 'marketing', channel: 'sms', granted: true, wordingVersion: '2026-01' } })).toEqual({
      setMyConsent: { purpose: 'marketing', channel: 'sms', granted: true, wordingVersion: '2026-01', platformId: web.id },
    });
    await client.data(A.setConsent, { input: { purpose: 'marketing', channel: 'sms', granted: false, wordingVersion: '2026-02' } });
    expect(await errorOf(client, A.setConsent, { input: { purpose: 'Marketing!', channel: 'sms', granted: true, wordingVersion: 'v1' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONSENT_INVALID' });

    const me = await readMe(client);
    expect(me.addresses.map((a) => a.label)).toEqual(['Office']);
    expect(me).toMatchObject({ defaultShippingAddressId: null, defaultBillingAddressId: work.id });
    expect(me.consents).toEqual([{ purpose: 'marketing', channel: 'sms', granted: false, wordingVersion: '2026-02', platformId: web.id }]);
    expect((await readMe(other.client)).addresses).toEqual([]);
    // Writes need a session.
    expect(await errorOf(web.channel, A.addAddress, { input: { line1: 'x', city: 'y', country: 'ES' } })).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CUSTOMER_AUTH_REQUIRED' });
  });
});
