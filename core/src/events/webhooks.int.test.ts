import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { EventTables } from './event-records.js';
import { verifyWebhookSignature } from './webhook-signature.js';
import { fakeClock, openEventsHarness, ORDER_PLACED, OTHER_HAPPENED, type EventsHarness } from './__tests__/events-harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './__tests__/webhook-receiver.js';

describe('outbound webhooks', () => {
  let database: TestDatabase;
  let h: EventsHarness;
  let receiver: WebhookReceiver;
  const clock = fakeClock();
  const manager = () => h.staff(['webhooks.manage']);

  beforeEach(async () => {
    database = await createTestDatabase();
    h = await openEventsHarness(database.url, { now: clock.now, webhookTimeoutMs: 300, events: { maxAttempts: 3, backoffMs: 1000 } });
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await receiver.close();
    await h.close();
    await database.drop();
  });

  it('POSTs a correctly signed event that verifyWebhookSignature accepts, and rejects tampering and replays', async () => {
    const { subscription, secret } = await h.runtime.webhooks.create(manager(), { url: receiver.url, events: [ORDER_PLACED], description: 'ERP' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(subscription).toMatchObject({ url: receiver.url, events: [ORDER_PLACED], active: true, description: 'ERP', secretHint: `whsec_…${secret.slice(-4)}` });
    await h.runtime.webhooks.create(manager(), { url: `${receiver.url}/other`, events: [OTHER_HAPPENED] });

    const eventId = await h.db.transaction((trx) =>
      h.runtime.bus.publish({ ...h.ctx(trx), platform: { id: 'plt_web', code: 'web', type: 'web', currency: 'EUR', locale: 'en' } }, ORDER_PLACED, {
        orderId: 'ord_1',
        total: 990,
      }),
    );
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ fannedOut: 1, delivered: 2, failed: 0 }); // the subscriber and one webhook

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const delivery = await h.db(EventTables.delivery).where({ target_kind: 'webhook', event_id: eventId }).first();
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', 'plaza-event': ORDER_PLACED, 'plaza-delivery': delivery.id });
    expect(JSON.parse(request!.rawBody)).toEqual({
      id: eventId,
      name: ORDER_PLACED,
      occurredAt: new Date(clock.now()).toISOString(),
      platformId: 'plt_web',
      payload: { orderId: 'ord_1', total: 990 },
    });
    const header = String(request!.headers['plaza-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, header, request!.rawBody, 300, clock.now())).toBe(true);
    expect(verifyWebhookSignature(secret, header, request!.rawBody.replace('990', '1'), 300, clock.now())).toBe(false);
    expect(verifyWebhookSignature('whsec_wrong', header, request!.rawBody, 300, clock.now())).toBe(false);
    expect(verifyWebhookSignature(secret, header, request!.rawBody, 300, clock.now() + 301_000)).toBe(false);

    const attempts = await h.runtime.webhooks.listAttempts(manager(), { subscriptionId: subscription.id });
    expect(attempts.edges.map((e) => e.node)).toMatchObject([{ attempt: 1, responseStatus: 200, responseBody: 'ok', error: null }]);
    expect(delivery.status).toBe('delivered');
  });

  it('retries an endpoint answering 500 with backoff, logs every attempt, dead-letters it, and redelivers', async () => {
    const { subscription } = await h.runtime.webhooks.create(manager(), { url: receiver.url, events: ['*'] });
    receiver.reply = { status: 500, body: 'boom' };
    await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'x' });

    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ delivered: 0, failed: 1 });
    clock.advance(999);
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ failed: 0 });
    clock.advance(1);
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ failed: 1 });
    clock.advance(2000);
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ failed: 1 });
    expect(receiver.requests).toHaveLength(3);

    const deliveries = await h.runtime.webhooks.listDeliveries(manager(), { subscriptionId: subscription.id });
    expect(deliveries.edges).toHaveLength(1);
    const dead = deliveries.edges[0]!.node;
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: 'endpoint answered HTTP 500', eventName: OTHER_HAPPENED });
    const log = await h.runtime.webhooks.listAttempts(manager(), { subscriptionId: subscription.id });
    expect(log.edges.map((e) => [e.node.attempt, e.node.responseStatus, e.node.responseBody])).toEqual([
      [3, 500, 'boom'],
      [2, 500, 'boom'],
      [1, 500, 'boom'],
    ]);
    expect(log.edges.every((e) => e.node.durationMs >= 0 && e.node.error === 'endpoint answered HTTP 500')).toBe(true);
    expect((await h.runtime.deadLetters.list(h.staff(['events.read']))).edges.map((e) => e.node.id)).toEqual([dead.id]);

    receiver.reply = { status: 204, body: '' };
    expect(await h.runtime.webhooks.redeliver(manager(), dead.id)).toMatchObject({ status: 'pending', attempts: 0 });
    await expect(h.runtime.webhooks.redeliver(manager(), dead.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    const [attemptsOfDead] = await h.runtime.webhooks.attemptsOfDeliveries(manager(), [dead.id]);
    expect(attemptsOfDead!.map((a) => a.responseStatus)).toEqual([204, 500, 500, 500]);
  });

  it('records timeouts and network errors without a status, and keeps at most 2 KB of a response', async () => {
    await h.runtime.webhooks.create(manager(), { url: receiver.url, events: [OTHER_HAPPENED] });
    receiver.reply = { status: 200, body: '', hang: true };
    await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'slow' });
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ failed: 1 });
    let attempt = await h.db(EventTables.webhookAttempt).orderBy('id', 'desc').first();
    expect(attempt).toMatchObject({ response_status: null, error: 'timed out' });

    receiver.reply = { status: 400, body: 'é'.repeat(3000) };
    clock.advance(1000);
    await h.runtime.dispatcher.runOnce();
    attempt = await h.db(EventTables.webhookAttempt).orderBy('id', 'desc').first();
    expect(Number(attempt.response_status)).toBe(400);
    expect(Buffer.byteLength(attempt.response_body)).toBe(2048);
    expect(attempt.response_body).toBe('é'.repeat(1024));

    await receiver.close();
    clock.advance(2000);
    await h.runtime.dispatcher.runOnce();
    attempt = await h.db(EventTables.webhookAttempt).orderBy('id', 'desc').first();
    expect(attempt.response_status).toBeNull();
    expect(attempt.error).toMatch(/^fetch failed \(.+\)$/); // refused, or a kept-alive socket closed
    receiver = await startWebhookReceiver(); // for afterEach
  });

  it('validates subscriptions, checks permissions, masks secrets, updates, rotates and deletes', async () => {
    await expect(h.runtime.webhooks.create(h.staff([]), { url: receiver.url, events: ['*'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.runtime.webhooks.create(manager(), { url: 'ftp://example.com/x', events: [] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'url', message: 'must be an http:// or https:// URL' },
        { path: 'events', message: expect.stringContaining('at least one') },
      ],
    });
    await expect(h.runtime.webhooks.create(manager(), { url: receiver.url, events: [ORDER_PLACED, 'order.plcaed'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WEBHOOK_EVENT_UNKNOWN',
      fields: [{ path: 'events.1', message: '"order.plcaed" is not a known event' }],
    });

    const { subscription, secret } = await h.runtime.webhooks.create(manager(), { url: receiver.url, events: [OTHER_HAPPENED] });
    const listed = await h.runtime.webhooks.list(manager());
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.edges.map((e) => e.node.id)).toEqual([subscription.id]);

    const disabled = await h.runtime.webhooks.update(manager(), { id: subscription.id, active: false, events: [ORDER_PLACED, OTHER_HAPPENED] });
    expect(disabled).toMatchObject({ active: false, events: [ORDER_PLACED, OTHER_HAPPENED], url: receiver.url });
    await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'while disabled' });
    await h.runtime.dispatcher.runOnce();
    expect(receiver.requests).toHaveLength(0);

    await h.runtime.webhooks.update(manager(), { id: subscription.id, active: true });
    const rotated = await h.runtime.webhooks.rotateSecret(manager(), subscription.id);
    expect(rotated.secret).not.toBe(secret);
    await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'after rotation' });
    await h.runtime.dispatcher.runOnce();
    expect(receiver.requests).toHaveLength(1);
    const { headers, rawBody } = receiver.requests[0]!;
    expect(verifyWebhookSignature(rotated.secret, String(headers['plaza-signature']), rawBody, 300, clock.now())).toBe(true);
    expect(verifyWebhookSignature(secret, String(headers['plaza-signature']), rawBody, 300, clock.now())).toBe(false);

    await expect(h.runtime.webhooks.update(manager(), { id: 'whk_missing', active: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.runtime.webhooks.delete(manager(), subscription.id)).toMatchObject({ id: subscription.id });
    expect((await h.runtime.webhooks.list(manager())).edges).toEqual([]);
    expect(await h.db(EventTables.delivery).where('target_kind', 'webhook').select('id')).toEqual([]);
    expect(await h.db(EventTables.webhookAttempt).select('id')).toEqual([]);
    await expect(h.runtime.webhooks.listDeliveries(manager(), { subscriptionId: subscription.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('dead-letters a pending delivery whose subscription was disabled, and refuses to redeliver until it is enabled', async () => {
    const { subscription } = await h.runtime.webhooks.create(manager(), { url: receiver.url, events: [OTHER_HAPPENED] });
    await h.runtime.bus.publish(h.ctx(), OTHER_HAPPENED, { note: 'x' });
    receiver.reply = { status: 503, body: 'busy' };
    await h.runtime.dispatcher.runOnce();
    await h.runtime.webhooks.update(manager(), { id: subscription.id, active: false });
    clock.advance(1000);
    await h.runtime.dispatcher.runOnce();
    const [delivery] = (await h.runtime.webhooks.listDeliveries(manager(), { subscriptionId: subscription.id })).edges.map((e) => e.node);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 2, lastError: 'webhook subscription is disabled' });
    await expect(h.runtime.webhooks.redeliver(manager(), delivery!.id)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WEBHOOK_DISABLED' });
  });
});
