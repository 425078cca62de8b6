import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { platformWithKey } from '../catalog/__tests__/catalog-harness.js';
import { CustomerService } from './customer.service.js';
import { CustomerTimeline } from './customer-timeline.js';
import { IdentityResolver } from './identity-resolver.js';
import { A, asCustomer, errorOf, freshEmail, login, mailedToken, outboxPayloads, readMe, register, type MeNode } from './__tests__/account-harness.js';

let env: TestEnvironment;
let web: { id: string; channel: GraphQLClient };
let pos: { id: string; channel: GraphQLClient };

beforeAll(async () => {
  env = await createTestEnvironment();
  web = await platformWithKey(env);
  pos = await platformWithKey(env);
});
afterAll(() => env?.close());

/** Everything of `me` that could carry someone else's data. */
function leaks(me: MeNode, victim: { id: string; names: string[] }): string[] {
  const found: string[] = [];
  const text = JSON.stringify(me);
  if (me.id === victim.id || text.includes(victim.id)) found.push('victim id');
  for (const name of victim.names) if (text.includes(name)) found.push(name);
  if (me.identities.length > 0) found.push('identities');
  if (me.timeline.edges.some((e) => e.node.platformId === pos.id || e.node.kind === 'order.placed')) found.push('store history');
  return found;
}

describe('someone who knows only a customer’s e-mail', () => {
  it('cannot see that customer’s history through any channel API path; the mailbox owner can, once verified', async () => {
    const email = freshEmail('victim');
    const sys = env.plaza.systemCtx();
    // The victim is known from the store: a verified e-mail and phone at the POS, a purchase, a staff note.
    const victim = await env.plaza.container.resolve(IdentityResolver).resolve(sys, {
      platformId: pos.id,
      source: 'pos',
      identities: [
        { kind: 'email', value: email, verified: true },
        { kind: 'phone', value: '+34 611 22 33 44', verified: true },
      ],
      profile: { firstName: 'Victoria', lastName: 'Quintana' },
    });
    await env.plaza.container.resolve(CustomerTimeline).record(sys, { customerId: victim.customer.id, platformId: pos.id, kind: 'order.placed', summary: 'Bought 2 items in the Madrid store', reference: { type: 'order', id: 'ord_test_1' } }, null, new Date());
    await env.plaza.container.resolve(CustomerService).addNote(sys, victim.customer.id, 'Prefers size M');
    await env.drainEvents();
    const victimRef = { id: victim.customer.id, names: ['Victoria', 'Quintana', 'Prefers size M'] };

    // A password reset for the victim's e-mail: no account, so no e-mail — and the same answer as for an account.
    const resetForVictim = await web.channel.query(A.requestReset, { email });
    const someAccount = freshEmail('someone');
    await register(web.channel, someAccount);
    const resetForAccount = await web.channel.query(A.requestReset, { email: someAccount });
    expect(resetForVictim).toEqual(resetForAccount);
    expect(await mailedToken(env, 'customer.password_reset_requested', email)).toBeUndefined();
    expect(await mailedToken(env, 'customer.password_reset_requested', someAccount)).toBeDefined();

    // The attacker registers with the victim's e-mail: a new, empty customer.
    const attacker = await register(web.channel, email.toUpperCase(), { firstName: 'Mallory', lastName: 'Eve' });
    await env.drainEvents();
    expect(attacker.customerId).not.toBe(victim.customer.id);
    const seen = await readMe(attacker.client);
    expect(seen).toMatchObject({ firstName: 'Mallory', emailVerified: false, identities: [], addresses: [], consents: [] });
    expect(leaks(seen, victimRef)).toEqual([]);
    expect(seen.timeline.edges.map((e) => e.node.kind).sort()).toEqual(['account.registered', 'customer.created']);

    // Signing in again (on another platform too) shows the same nothing.
    const again = await login(pos.channel, email);
    expect(again.customerId).toBe(attacker.customerId);
    expect(leaks(await readMe(again.client), victimRef)).toEqual([]);

    // No channel path takes a customer id: queries by id do not even validate.
    for (const query of [`{ customer(id: "${victim.customer.id}") { id } }`, `{ customers { edges { node { id } } } }`, `{ me(id: "${victim.customer.id}") { id } }`, `{ customerTimeline(customerId: "${victim.customer.id}") { edges { node { id } } } }`]) {
      const result = await attacker.client.query(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    // Another customer's address cannot be touched by id either.
    expect((await errorOf(attacker.client, A.updateAddress, { id: 'cad_anything', input: { line1: 'x', city: 'y', country: 'ES' } })).code).toBe('NOT_FOUND');
    // Without a token there is no `me`.
    expect(await errorOf(web.channel, A.me)).toMatchObject({ code: 'UNAUTHENTICATED' });

    // The attacker cannot verify without the token the victim's mailbox received.
    for (const token of ['pzv_guess', 'pzr_guess', attacker.token]) expect(await errorOf(attacker.client, A.verify, { token })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOKEN_INVALID' });
    expect(leaks(await readMe(attacker.client), victimRef)).toEqual([]);

    // The mailbox owner holds the token, but not the attacker's session: the token alone attaches nothing.
    const verifyToken = (await mailedToken(env, 'customer.email_verification_requested', email))!;
    expect(verifyToken).toMatch(/^pzv_/);
    expect(await errorOf(web.channel, A.verify, { token: verifyToken })).toMatchObject({ code: 'UNAUTHENTICATED' });

    // The owner takes the account over through a password reset (it ends the attacker's sessions)…
    expect(await web.channel.data(A.requestReset, { email })).toEqual({ requestCustomerPasswordReset: true });
    const resetToken = (await mailedToken(env, 'customer.password_reset_requested', email))!;
    await web.channel.data(A.reset, { token: resetToken, newPassword: 'only the owner knows this' });
    expect((await errorOf(attacker.client, A.me)).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(again.client, A.me)).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(web.channel, A.login, { email, password: 'correct horse battery' })).reason).toBe('CREDENTIALS_INVALID');

    // …signs in, still sees nothing of the store history before verifying…
    const owner = await login(web.channel, email, 'only the owner knows this');
    expect(leaks(await readMe(owner.client), victimRef)).toEqual([]);

    // …and verifies: the store history attaches to the account.
    expect(await owner.client.data(A.verify, { token: verifyToken })).toEqual({ verifyCustomerEmail: 'MERGED' });
    await env.drainEvents();
    const mine = await readMe(owner.client);
    expect(mine.id).toBe(attacker.customerId);
    expect(mine.emailVerified).toBe(true);
    expect(mine.identities.map((i) => [i.kind, i.verified])).toEqual([
      ['email', true],
      ['phone', true],
    ]);
    const kinds = mine.timeline.edges.map((e) => e.node.kind);
    expect(kinds).toEqual(expect.arrayContaining(['order.placed', 'customer.merged', 'account.email_verified']));
    expect(mine.timeline.edges.find((e) => e.node.kind === 'order.placed')!.node.platformId).toBe(pos.id);
    // Staff notes stay staff-only.
    expect(JSON.stringify(mine)).not.toContain('Prefers size M');

    // Later guest orders by the verified e-mail resolve to the account's customer.
    const later = await env.plaza.container.resolve(IdentityResolver).resolve(sys, { platformId: pos.id, source: 'order', identities: [{ kind: 'email', value: email, verified: true }] });
    expect(later.customer.id).toBe(attacker.customerId);
    // The delivery events are the only ones that carry the e-mail.
    for (const name of ['customer.created', 'customer.registered', 'customer.email_verified', 'customer.merged', 'customer.identity_linked']) {
      expect(JSON.stringify(await outboxPayloads(env, name)), name).not.toContain(email);
    }
  });

  it('refuses a second account for an address that already has one, and tokens that were never issued', async () => {
    const email = freshEmail('owner');
    const owner = await register(web.channel, email);
    await owner.client.data(A.verify, { token: (await mailedToken(env, 'customer.email_verification_requested', email))! });
    expect(await errorOf(pos.channel, A.register, { input: { email, password: 'another long password' } })).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
    expect(await errorOf(asCustomer(pos.channel, 'pzc_' + 'x'.repeat(43)), A.me)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
