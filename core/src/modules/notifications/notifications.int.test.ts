import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../kernel/plugin.js';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { platformWithKey } from '../catalog/__tests__/catalog-harness.js';
import { A, freshEmail, register } from '../customers/__tests__/account-harness.js';
import { ProcessService } from '../processes/process.service.js';
import { NotificationProviders, NotificationService, NotificationTables, type NotificationProvider, type OutgoingMessage } from './index.js';
import { messages, NQ, outboxFiles, readableEml, retryNow, settle } from './__tests__/notification-harness.js';

/** A plugin's SMS provider whose behaviour the test sets: it fails `failures` times, then succeeds. */
const sms = { failures: 0, sent: [] as OutgoingMessage[], calls: 0 };
const smsProvider: NotificationProvider = {
  code: 'test-sms',
  channels: ['sms'],
  async send(message) {
    sms.calls += 1;
    if (sms.failures > 0) {
      sms.failures -= 1;
      throw new Error(`gateway timeout sending to ${message.to} (${'someone@example.test'})`);
    }
    sms.sent.push(message);
    return { providerMessageId: `sms-${sms.sent.length}` };
  },
};
const smsPlugin = definePlugin({
  name: 'test.sms',
  version: '1.0.0',
  requires: ['core.notifications'],
  register({ container }) {
    container.resolve(NotificationProviders).use(smsProvider);
  },
});

let env: TestEnvironment;
let dataDir: string;
let outbox: string;
let web: { id: string; channel: GraphQLClient };
let app: { id: string; channel: GraphQLClient };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'plaza-notifications-'));
  outbox = path.join(dataDir, 'outbox');
  env = await createTestEnvironment({ plugins: [smsPlugin], config: { dataDir } });
  web = await platformWithKey(env, 'es-ES');
  app = await platformWithKey(env, 'en-GB');
});
afterAll(async () => {
  await env?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('account messages', () => {
  it('writes the verification e-mail of a signup as an .eml in the outbox, in Spanish for an es-ES customer, with the token', async () => {
    const email = freshEmail('ana');
    const { customerId, client } = await register(web.channel, email);
    await settle(env);
    const [message] = await messages(env.adminClient, { customerId, template: 'account.email_verification' });
    expect(message).toMatchObject({ status: 'SENT', channel: 'email', locale: 'es', provider: 'file', platformId: web.id, attempts: 1, subject: 'Confirma tu dirección de correo', reason: null });
    expect(message!.sentAt).not.toBeNull();
    const token = (await env.plaza.db('plaza_outbox').where('id', message!.eventId!).first('payload')) as { payload: unknown };
    const { token: sent } = (typeof token.payload === 'string' ? JSON.parse(token.payload) : token.payload) as { token: string };
    const eml = (await outboxFiles(outbox)).get(message!.id);
    expect(eml).toBeDefined();
    const readable = readableEml(eml!);
    expect(readable).toContain(`To: ${email}`);
    expect(readable).toContain('Subject: Confirma tu dirección de correo');
    expect(readable).toContain('Usa este código para confirmar tu dirección de correo');
    expect(readable).toContain(sent);
    expect(readable).toMatch(/Content-Type: text\/html/);
    // The token verifies the account, as a customer would use it from the e-mail.
    expect((await client.data<{ verifyCustomerEmail: unknown }>(A.verify, { token: sent })).verifyCustomerEmail).toBeTruthy();
    // The send is on the customer's timeline, without personal data.
    const timeline = await env.plaza.db('customer_timeline').where({ customer_id: customerId, kind: 'notification.sent' });
    expect(timeline).toHaveLength(1);
    expect(JSON.stringify(timeline)).not.toContain(email);
    expect(JSON.stringify(timeline)).not.toContain(sent);
    // Sent messages forget the address and the token.
    const row = (await env.plaza.db(NotificationTables.message).where('id', message!.id).first()) as Record<string, unknown>;
    expect(row.recipient).toBeNull();
    expect(row.variables).toBeNull();
  });

  it('writes English for an en-GB customer, and sends the password reset', async () => {
    const email = freshEmail('sam');
    const { customerId } = await register(app.channel, email);
    await app.channel.data(A.requestReset, { email });
    await settle(env);
    const sent = (await messages(env.adminClient, { customerId })).sort((a, b) => a.template.localeCompare(b.template));
    expect(sent.map((m) => [m.template, m.locale, m.status, m.subject])).toEqual([
      ['account.email_verification', 'en', 'SENT', 'Confirm your e-mail address'],
      ['account.password_reset', 'en', 'SENT', 'Reset your password'],
    ]);
    const eml = readableEml((await outboxFiles(outbox)).get(sent[1]!.id)!);
    expect(eml).toContain('Use this code to choose a new one');
    expect(eml).toMatch(/pzr_/);
  });

  it('sends a message once when its event is delivered twice', async () => {
    const email = freshEmail('twice');
    const { customerId } = await register(web.channel, email);
    await settle(env);
    const [first] = await messages(env.adminClient, { customerId });
    const before = (await outboxFiles(outbox)).size;
    // The subscriber runs again for the same event (at-least-once delivery).
    const payload = (await env.plaza.db('plaza_outbox').where('id', first!.eventId!).first('payload')) as { payload: unknown };
    const p = (typeof payload.payload === 'string' ? JSON.parse(payload.payload) : payload.payload) as { email: string; token: string; platformId: string };
    const service = env.plaza.container.resolve(NotificationService);
    const again = await service.request(env.plaza.systemCtx(), { eventId: first!.eventId!, template: 'account.email_verification', customerId, platformId: p.platformId, to: p.email, variables: { token: p.token } });
    expect(again.id).toBe(first!.id);
    // And the job runs again for the sent message.
    await service.send(env.plaza.systemCtx(), first!.id);
    await settle(env);
    expect(await env.plaza.db(NotificationTables.message).where('event_id', first!.eventId!)).toHaveLength(1);
    expect((await outboxFiles(outbox)).size).toBe(before);
    expect(await env.plaza.db('customer_timeline').where({ customer_id: customerId, kind: 'notification.sent' })).toHaveLength(1);
  });
});

describe('process messages', () => {
  it('sends the message a process step `core.notify_customer` asks for', async () => {
    const email = freshEmail('returns');
    const { customerId } = await register(web.channel, email);
    const processes = env.plaza.container.resolve(ProcessService);
    const instance = await processes.start(env.plaza.systemCtx(), { kind: 'return', subjectId: 'RET-1001', platformId: web.id, customerId, data: { total: 1500, currency: 'EUR' } });
    expect(instance.state).toBe('approved');
    await settle(env);
    const [message] = await messages(env.adminClient, { customerId, template: 'return.approved' });
    expect(message).toMatchObject({ status: 'SENT', locale: 'es', channel: 'email', subject: 'Devolución RET-1001 aprobada' });
    const eml = readableEml((await outboxFiles(outbox)).get(message!.id)!);
    expect(eml).toContain('Hemos aprobado tu devolución RET-1001');
    expect(eml).toContain(`To: ${email}`);
  });

  it('skips transactional messages after the customer withdrew transactional e-mail consent, but still sends account security ones', async () => {
    const email = freshEmail('quiet');
    const { customerId, client } = await register(app.channel, email);
    await client.data(A.setConsent, { input: { purpose: 'transactional', channel: 'email', granted: false, wordingVersion: 'v1' } });
    const processes = env.plaza.container.resolve(ProcessService);
    await processes.start(env.plaza.systemCtx(), { kind: 'return', subjectId: 'RET-2002', platformId: app.id, customerId, data: { total: 900, currency: 'EUR' } });
    await app.channel.data(A.requestReset, { email });
    await settle(env);
    const byTemplate = Object.fromEntries((await messages(env.adminClient, { customerId })).map((m) => [m.template, m]));
    expect(byTemplate['return.approved']).toMatchObject({ status: 'SKIPPED', reason: 'CONSENT_WITHDRAWN', provider: null });
    expect(byTemplate['account.password_reset']).toMatchObject({ status: 'SENT' });
    expect(byTemplate['account.email_verification']).toMatchObject({ status: 'SENT' });
    expect((await outboxFiles(outbox)).has(byTemplate['return.approved']!.id)).toBe(false);
  });

  it('records a message for a customer it cannot reach as skipped (NO_RECIPIENT)', async () => {
    const processes = env.plaza.container.resolve(ProcessService);
    const customer = (await env.plaza.db('customer').first('id')) as { id: string };
    await env.plaza.db('customer').insert({ id: 'cus_nomail_1', status: 'active', tags: '[]', created_at: Date.now(), updated_at: Date.now() });
    expect(customer).toBeDefined();
    await processes.start(env.plaza.systemCtx(), { kind: 'return', subjectId: 'RET-3003', platformId: web.id, customerId: 'cus_nomail_1', data: { total: 100, currency: 'EUR' } });
    await settle(env);
    expect(await messages(env.adminClient, { customerId: 'cus_nomail_1' })).toMatchObject([{ template: 'return.approved', status: 'SKIPPED', reason: 'NO_RECIPIENT' }]);
  });
});

describe('providers contributed by plugins', () => {
  it('retries a failing provider with backoff, then marks the message failed', async () => {
    const email = freshEmail('sms');
    const { customerId } = await register(web.channel, email);
    await settle(env);
    sms.failures = 100;
    sms.calls = 0;
    const service = env.plaza.container.resolve(NotificationService);
    const queued = await service.request(env.plaza.systemCtx(), { eventId: 'evt_test_sms_fail', template: 'order.shipped', customerId, platformId: web.id, channel: 'sms', to: '+34600000001', variables: { reference: 'ORD-1' } });
    expect(queued).toMatchObject({ status: 'queued', provider: 'test-sms', channel: 'sms' });
    await settle(env);
    let [message] = await messages(env.adminClient, { customerId, channel: 'sms' });
    expect(message).toMatchObject({ status: 'QUEUED', attempts: 1 });
    // The address is not in what staff read.
    expect(message!.lastError).toContain('[address]');
    expect(message!.lastError).not.toContain('someone@example.test');
    const job = (await env.plaza.db('plaza_job').where({ name: 'notifications.send', status: 'waiting' }).first('run_at')) as { run_at: number | string };
    expect(Number(job.run_at)).toBeGreaterThan(Date.now() + 10_000);
    for (let i = 0; i < 6; i++) await retryNow(env);
    [message] = await messages(env.adminClient, { customerId, channel: 'sms' });
    expect(message).toMatchObject({ status: 'FAILED', reason: 'PROVIDER_FAILED', attempts: 5, provider: 'test-sms', sentAt: null });
    expect(sms.calls).toBe(5);
    const row = (await env.plaza.db(NotificationTables.message).where('id', message!.id).first()) as Record<string, unknown>;
    expect([row.recipient, row.variables]).toEqual([null, null]);
    expect(await env.plaza.db('customer_timeline').where({ customer_id: customerId, kind: 'notification.failed' })).toHaveLength(1);
  });

  it('sends after a passing failure', async () => {
    const { customerId } = await register(web.channel, freshEmail('sms2'));
    sms.failures = 1;
    sms.sent = [];
    const service = env.plaza.container.resolve(NotificationService);
    await service.request(env.plaza.systemCtx(), { eventId: 'evt_test_sms_ok', template: 'order.ready_for_pickup', customerId, platformId: web.id, channel: 'sms', to: '+34600000002', variables: { reference: 'ORD-2', pickupCode: 'K7Q2' } });
    await settle(env);
    await retryNow(env);
    expect(await messages(env.adminClient, { customerId, channel: 'sms' })).toMatchObject([{ status: 'SENT', attempts: 2, provider: 'test-sms', locale: 'es' }]);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]).toMatchObject({ to: '+34600000002', subject: 'Tu pedido ORD-2 está listo para recoger' });
    expect(sms.sent[0]!.text).toContain('K7Q2');
  });

  it('lists the provider of each channel', async () => {
    const { notificationProviders } = await env.adminClient.data<{ notificationProviders: { channel: string; provider: string }[] }>(NQ.providers);
    expect(notificationProviders).toEqual([
      { channel: 'email', provider: 'file' },
      { channel: 'sms', provider: 'test-sms' },
    ]);
  });
});

describe('admin API', () => {
  it('lists templates with their locales', async () => {
    const { notificationTemplates } = await env.adminClient.data<{ notificationTemplates: { code: string; locales: string[]; category: string; security: boolean }[] }>(NQ.templates);
    const codes = notificationTemplates.map((t) => t.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'account.email_verification',
        'account.password_reset',
        'order.confirmed',
        'order.ready_for_pickup',
        'order.shipped',
        'order.collected',
        'order.refund_issued',
        'order.pickup_expired',
        'order.cancelled',
        'return.approved',
        'return.rejected',
        'return.refunded',
      ]),
    );
    for (const t of notificationTemplates) expect(t.locales).toEqual(['en', 'es']);
    expect(notificationTemplates.find((t) => t.code === 'account.password_reset')).toMatchObject({ category: 'transactional', security: true });
  });

  it('previews a template with escaped variables, and names a missing one', async () => {
    const { previewNotification } = await env.adminClient.data<{ previewNotification: { locale: string; subject: string; text: string; html: string } }>(NQ.preview, {
      template: 'order.ready_for_pickup',
      locale: 'es-MX',
      variables: { reference: '<b>R&D</b>', pickupCode: 'X1', qrImageUrl: 'javascript:alert(1)' },
    });
    expect(previewNotification.locale).toBe('es');
    expect(previewNotification.subject).toBe('Tu pedido <b>R&D</b> está listo para recoger');
    expect(previewNotification.html).toContain('&lt;b&gt;R&amp;D&lt;/b&gt;');
    expect(previewNotification.html).not.toContain('<b>R&D</b>');
    expect(previewNotification.html).not.toContain('javascript:');
    expect(previewNotification.html).not.toContain('<img');
    const missing = await env.adminClient.query(NQ.preview, { template: 'order.shipped', locale: 'en', variables: {} });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MISSING_VARIABLE', fields: [{ path: 'variables.reference' }] });
    const unknown = await env.adminClient.query(NQ.preview, { template: 'order.nope', locale: 'en' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEMPLATE_UNKNOWN' });
  });

  it('pages messages with a cursor and filters them by status', async () => {
    const page1 = await env.adminClient.data<{ notificationMessages: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(NQ.messages, { first: 2 });
    expect(page1.notificationMessages.edges).toHaveLength(2);
    expect(page1.notificationMessages.pageInfo.hasNextPage).toBe(true);
    const page2 = await env.adminClient.data<typeof page1>(NQ.messages, { first: 2, after: page1.notificationMessages.pageInfo.endCursor });
    expect(page2.notificationMessages.edges[0]!.node.id < page1.notificationMessages.edges[1]!.node.id).toBe(true);
    const skipped = await messages(env.adminClient, { status: 'SKIPPED' });
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((m) => m.status === 'SKIPPED')).toBe(true);
  });

  it('needs notifications.read', async () => {
    for (const query of [NQ.messages, NQ.templates, NQ.providers]) {
      const result = await env.limitedAdminClient.query(query, {});
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const reader = await env.signIn({ roles: [{ permissions: ['notifications.read'] }] });
    expect((await messages(reader)).length).toBeGreaterThan(0);
  });
});
