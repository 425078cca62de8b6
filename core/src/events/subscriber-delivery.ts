import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createCtx, SYSTEM_ACTOR } from '../kernel/context.js';
import type { PluginScope, SubscriberHandler } from '../kernel/plugin.js';
import type { RetryPolicy } from './retry-policy.js';
import { markDelivered, markFailed, type ClaimedDelivery } from './delivery-claim.js';

/** A plugin subscriber: its handler and the scope it runs with. */
export interface SubscriberTarget {
  handler: SubscriberHandler;
  scope: PluginScope;
}

/** What delivering to subscribers needs from the dispatcher. */
export interface SubscriberDeliveryDeps {
  policy: RetryPolicy;
  now: () => number;
  logger: Logger;
}

/** How one delivery attempt ended; `skipped` means another worker had already done it. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'skipped';

/**
 * Runs a subscriber in a transaction that also marks its delivery delivered, so a subscriber
 * that only writes to the database takes effect exactly once. The mark comes first: on
 * PostgreSQL it locks the delivery row, so a second worker holding an expired lease waits and
 * then finds nothing to do. A throwing handler rolls everything back and the failure is
 * recorded outside the transaction (retry with backoff, or dead letter).
 */
export async function deliverToSubscriber(
  db: Knex,
  claim: ClaimedDelivery,
  target: SubscriberTarget | undefined,
  deps: SubscriberDeliveryDeps,
): Promise<DeliveryOutcome> {
  const log = deps.logger.child({ event: claim.event.name, eventId: claim.event.id, delivery: claim.id, subscriber: claim.targetId });
  if (!target) {
    // The plugin was removed or no longer subscribes: no retry can fix that.
    const message = `subscriber ${claim.targetId} is not installed`;
    await markFailed(db, claim, new Error(message), deps.policy, deps.now(), true);
    log.warn(`event delivery dead-lettered: ${message}`);
    return 'failed';
  }
  try {
    const done = await db.transaction(async (trx) => {
      if (!(await markDelivered(trx, claim, deps.now()))) return false;
      const logger = target.scope.logger.child({ event: claim.event.name, eventId: claim.event.id, delivery: claim.id });
      const ctx = createCtx({ db: trx, logger, api: 'system', actor: SYSTEM_ACTOR, platform: null, requestId: claim.id });
      await target.handler(claim.event, ctx, target.scope);
      return true;
    });
    return done ? 'delivered' : 'skipped';
  } catch (error) {
    const result = await markFailed(db, claim, error, deps.policy, deps.now());
    if (result.kind === 'dead') log.warn({ err: error, attempts: result.attempts }, 'event subscriber failed; delivery dead-lettered');
    else log.warn({ err: error, attempts: result.attempts, retryInMs: result.delayMs }, 'event subscriber failed; will retry');
    return 'failed';
  }
}
