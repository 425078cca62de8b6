import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { newId } from '../kernel/ids.js';
import type { RetryPolicy } from './retry-policy.js';
import { markDelivered, markFailed, type ClaimedDelivery } from './delivery-claim.js';
import { EventTables as T, type WebhookSubscriptionRow } from './event-records.js';
import { postWebhook } from './webhook-http.js';
import type { DeliveryOutcome } from './subscriber-delivery.js';

/** What delivering to webhooks needs from the dispatcher. */
export interface WebhookDeliveryDeps {
  policy: RetryPolicy;
  now: () => number;
  logger: Logger;
  /** Per-request timeout (default 10 s). */
  timeoutMs: number;
}

/** Loads the webhook subscriptions that claimed deliveries point at, by id. */
export async function loadWebhookTargets(db: Knex, claims: readonly ClaimedDelivery[]): Promise<Map<string, WebhookSubscriptionRow>> {
  const ids = [...new Set(claims.filter((c) => c.targetKind === 'webhook').map((c) => c.targetId))];
  if (ids.length === 0) return new Map();
  const rows = (await db(T.webhook).whereIn('id', ids).select('*')) as WebhookSubscriptionRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * POSTs one claimed delivery to its webhook (no transaction is held during the request), then
 * logs the attempt and records the outcome together: delivered on a 2xx, otherwise a retry
 * with backoff or a dead letter. A deleted or disabled subscription dead-letters at once.
 */
export async function deliverToWebhook(
  db: Knex,
  claim: ClaimedDelivery,
  subscription: WebhookSubscriptionRow | undefined,
  deps: WebhookDeliveryDeps,
): Promise<DeliveryOutcome> {
  const log = deps.logger.child({ event: claim.event.name, eventId: claim.event.id, delivery: claim.id, webhook: claim.targetId });
  if (!subscription || !subscription.active) {
    const message = subscription ? 'webhook subscription is disabled' : 'webhook subscription no longer exists';
    await markFailed(db, claim, message, deps.policy, deps.now(), true);
    log.warn(`webhook delivery dead-lettered: ${message}`);
    return 'failed';
  }
  const result = await postWebhook(claim.event, {
    url: subscription.url,
    secret: subscription.secret,
    deliveryId: claim.id,
    now: deps.now(),
    timeoutMs: deps.timeoutMs,
  });
  try {
    return await db.transaction(async (trx): Promise<DeliveryOutcome> => {
      const now = deps.now();
      await trx(T.webhookAttempt).insert({
        id: newId('wha'),
        delivery_id: claim.id,
        webhook_subscription_id: subscription.id,
        attempt: claim.attempts + 1,
        response_status: result.status,
        response_body: result.body,
        duration_ms: result.durationMs,
        error: result.error,
        created_at: now,
      });
      if (result.ok) return (await markDelivered(trx, claim, now)) ? 'delivered' : 'skipped';
      const failure = await markFailed(trx, claim, result.error, deps.policy, now);
      if (failure.kind === 'dead') log.warn({ status: result.status, attempts: failure.attempts, error: result.error }, 'webhook failed; delivery dead-lettered');
      else log.info({ status: result.status, attempts: failure.attempts, retryInMs: failure.delayMs, error: result.error }, 'webhook failed; will retry');
      return 'failed';
    });
  } catch (error) {
    // E.g. the subscription was deleted while the request was in flight.
    log.warn({ err: error }, 'could not record a webhook attempt');
    return 'failed';
  }
}
