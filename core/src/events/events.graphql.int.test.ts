import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, definePlugin } from '../kernel/plugin.js';
import { createTestEnvironment, type TestEnvironment } from '../testing/test-environment.js';
import { verifyWebhookSignature } from './webhook-signature.js';
import { startWebhookReceiver, type WebhookReceiver } from './__tests__/webhook-receiver.js';

const ORDER_PLACED = 'gqltest.order_placed';
let subscriberFails = true;

const shopPlugin = definePlugin({
  name: 'gqltest.shop',
  version: '1.0.0',
  events: [defineEvent(ORDER_PLACED, z.object({ orderId: z.string() }), 'An order was placed')],
  subscribers: {
    [ORDER_PLACED]: async () => {
      if (subscriberFails) throw new Error('loyalty service unavailable');
    },
  },
});

const SUBSCRIPTION_FIELDS = 'id url events active description secretHint createdAt updatedAt';
const DELIVERY_FIELDS = 'id eventId eventName eventPayload targetKind targetId status attempts lastError createdAt webhookAttempts { attempt responseStatus responseBody }';

describe('events admin GraphQL API', () => {
  let env: TestEnvironment;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    env = await createTestEnvironment({ plugins: [shopPlugin], config: { events: { maxAttempts: 1, backoffMs: 1000 } } });
  });

  afterAll(async () => {
    await env?.close();
    await receiver?.close();
  });

  it('manages webhooks, shows deliveries with their attempts and dead letters, and sends them again', async () => {
    const created = await env.adminClient.data<{ createWebhookSubscription: { subscription: { id: string; secretHint: string }; secret: string } }>(
      `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { ${SUBSCRIPTION_FIELDS} } } }`,
      { input: { url: receiver.url, events: [ORDER_PLACED], description: 'ERP' } },
    );
    const { subscription, secret } = created.createWebhookSubscription;
    expect(subscription.secretHint).toBe(`whsec_…${secret.slice(-4)}`);

    const listed = await env.adminClient.data<{ webhookSubscriptions: { edges: { node: { id: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      `{ webhookSubscriptions(first: 10) { edges { cursor node { ${SUBSCRIPTION_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(listed.webhookSubscriptions.edges.map((e) => e.node.id)).toEqual([subscription.id]);
    expect(new Date(listed.webhookSubscriptions.edges[0]!.node.createdAt).toISOString()).toBe(listed.webhookSubscriptions.edges[0]!.node.createdAt);
    expect(JSON.stringify(listed)).not.toContain(secret);

    receiver.reply = { status: 500, body: 'down for maintenance' };
    await env.plaza.events.bus.publish(env.plaza.systemCtx(), ORDER_PLACED, { orderId: 'ord_9' });
    await env.drainEvents();

    type Delivery = { id: string; status: string; targetKind: string; eventPayload: unknown; webhookAttempts: { responseStatus: number | null }[] };
    const dead = await env.adminClient.data<{ deadLetters: { edges: { node: Delivery }[] } }>(`{ deadLetters(first: 10) { edges { node { ${DELIVERY_FIELDS} } } } }`);
    const byKind = Object.fromEntries(dead.deadLetters.edges.map((e) => [e.node.targetKind, e.node]));
    expect(Object.keys(byKind).sort()).toEqual(['SUBSCRIBER', 'WEBHOOK']);
    expect(byKind.SUBSCRIBER).toMatchObject({ status: 'DEAD', eventPayload: { orderId: 'ord_9' }, webhookAttempts: [] });
    expect(byKind.WEBHOOK!.webhookAttempts).toEqual([{ attempt: 1, responseStatus: 500, responseBody: 'down for maintenance' }]);

    const deliveries = await env.adminClient.data<{ webhookDeliveries: { edges: { node: Delivery }[] } }>(
      `query ($id: ID!) { webhookDeliveries(subscriptionId: $id) { edges { node { ${DELIVERY_FIELDS} } } pageInfo { hasNextPage } } }`,
      { id: subscription.id },
    );
    expect(deliveries.webhookDeliveries.edges.map((e) => e.node.id)).toEqual([byKind.WEBHOOK!.id]);

    receiver.reply = { status: 200, body: 'ok' };
    subscriberFails = false;
    const redelivered = await env.adminClient.data<{ redeliverWebhook: { status: string } }>(`mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { status attempts } }`, {
      id: byKind.WEBHOOK!.id,
    });
    expect(redelivered.redeliverWebhook.status).toBe('PENDING');
    const retried = await env.adminClient.data<{ retryDeadLetter: { status: string } }>(`mutation ($id: ID!) { retryDeadLetter(id: $id) { status } }`, { id: byKind.SUBSCRIBER!.id });
    expect(retried.retryDeadLetter.status).toBe('PENDING');
    await env.drainEvents();

    const after = await env.adminClient.data<{ deadLetters: { edges: unknown[] } }>('{ deadLetters { edges { cursor } } }');
    expect(after.deadLetters.edges).toEqual([]);
    const last = receiver.requests.at(-1)!;
    expect(verifyWebhookSignature(secret, String(last.headers['plaza-signature']), last.rawBody)).toBe(true);

    const rotated = await env.adminClient.data<{ rotateWebhookSecret: { secret: string } }>(`mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret subscription { id } } }`, {
      id: subscription.id,
    });
    expect(rotated.rotateWebhookSecret.secret).not.toBe(secret);
    const updated = await env.adminClient.data<{ updateWebhookSubscription: { active: boolean } }>(
      `mutation ($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) { active } }`,
      { input: { id: subscription.id, active: false } },
    );
    expect(updated.updateWebhookSubscription.active).toBe(false);
    const deleted = await env.adminClient.data<{ deleteWebhookSubscription: { id: string } }>(`mutation ($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`, { id: subscription.id });
    expect(deleted.deleteWebhookSubscription.id).toBe(subscription.id);
  });

  it('answers bad input, missing permissions and unknown ids with stable codes', async () => {
    const bad = await env.adminClient.query(`mutation { createWebhookSubscription(input: { url: "not a url", events: ["nope.nothing"] }) { secret } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'url' }] });
    const forbidden = await env.limitedAdminClient.query('{ deadLetters { edges { cursor } } }');
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await env.adminClient.query('mutation { retryDeadLetter(id: "dlv_missing") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
