import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { platformWithKey } from '../catalog/__tests__/catalog-harness.js';
import { freshEmail, register } from '../customers/__tests__/account-harness.js';
import { messages, readableEml, retryNow, settle } from './__tests__/notification-harness.js';

/** A local SMTP server (no network): it keeps what it receives and refuses mailboxes starting with "bounce". */
const received: { to: string[]; raw: string }[] = [];
let server: SMTPServer;
let port: number;
let env: TestEnvironment;
let web: { id: string; channel: GraphQLClient };

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) {
        const error = new Error('mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  env = await createTestEnvironment({ config: { notifications: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Tienda <tienda@example.test>' } } });
  web = await platformWithKey(env, 'es-ES');
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the SMTP provider (SMTP_URL set)', () => {
  it('sends the verification e-mail of a signup to the SMTP server', async () => {
    const email = freshEmail('smtp');
    const { customerId } = await register(web.channel, email);
    await settle(env);
    expect(await messages(env.adminClient, { customerId })).toMatchObject([{ template: 'account.email_verification', status: 'SENT', provider: 'smtp', locale: 'es' }]);
    const mail = received.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    const readable = readableEml(mail!.raw);
    expect(readable).toContain('From: Tienda <tienda@example.test>');
    expect(readable).toContain('Confirma tu dirección de correo');
    expect(readable).toMatch(/pzv_[A-Za-z0-9_-]+/);
  });

  it('marks a message the server refuses for good (5xx) failed at once', async () => {
    const { customerId } = await register(web.channel, freshEmail('bounce'));
    await settle(env);
    await retryNow(env);
    expect(await messages(env.adminClient, { customerId })).toMatchObject([{ status: 'FAILED', reason: 'SMTP_REJECTED', attempts: 1, provider: 'smtp' }]);
  });
});
