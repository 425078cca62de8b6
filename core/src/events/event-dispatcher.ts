import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../kernel/config.js';
import type { DomainEvent, SubscriberFilter } from '../kernel/plugin.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import type { RetryPolicy } from './retry-policy.js';
import { claimDueDeliveries, type ClaimedDelivery } from './delivery-claim.js';
import { fanOutPending } from './event-fanout.js';
import { deliverToSubscriber, type DeliveryOutcome, type SubscriberTarget } from './subscriber-delivery.js';
import { deliverToWebhook, loadWebhookTargets } from './webhook-delivery.js';

/** Options of an {@link EventDispatcher}. */
export interface EventDispatcherOptions {
  /** The root connection (the dispatcher opens its own transactions). */
  db: Knex;
  registry: PluginRegistry;
  config: Pick<ResolvedConfig, 'events'>;
  logger: Logger;
  /** The clock, epoch ms (tests pass a fake one). */
  now?: () => number;
  /** How long a claimed delivery stays leased to this process (default 5 min). */
  leaseMs?: number;
  /** Events fanned out and deliveries claimed per pass (default 50). */
  batchSize?: number;
  /** Webhook request timeout (default 10 s). */
  webhookTimeoutMs?: number;
}

/** What one dispatcher pass did. */
export interface DispatchResult {
  fannedOut: number;
  delivered: number;
  failed: number;
}

/** Called once per event when it is fanned out (in the process that fans it out). */
export type EventListener = (event: DomainEvent) => void;

/**
 * Delivers outbox events at least once, after commit: fans each new event out into one
 * delivery per subscriber and matching webhook, then runs due deliveries with retry, backoff
 * and dead-lettering. Safe with several processes on PostgreSQL (leases with SKIP LOCKED);
 * everything it needs is in the database, so a crash loses nothing — the next start picks up
 * undispatched events and pending deliveries.
 */
export class EventDispatcher {
  private readonly db: Knex;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly policy: RetryPolicy;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly webhookTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly subscribersByEvent = new Map<string, string[]>();
  private readonly relevance = new Map<string, NonNullable<SubscriberFilter['relevant']>>();
  private readonly targets = new Map<string, SubscriberTarget>();
  private readonly listeners = new Set<EventListener>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private wakeAgain = false;
  private started = false;

  constructor(options: EventDispatcherOptions) {
    this.db = options.db;
    this.logger = options.logger.child({ component: 'event-dispatcher' });
    this.now = options.now ?? Date.now;
    this.policy = { maxAttempts: options.config.events.maxAttempts, backoffMs: options.config.events.backoffMs };
    this.pollIntervalMs = options.config.events.pollIntervalMs;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
    for (const { event, subscriberId, plugin } of options.registry.subscriptions()) {
      const handler = plugin.manifest.subscribers?.[event];
      if (!handler) continue;
      this.targets.set(subscriberId, { handler, scope: plugin.scope });
      const filter = plugin.manifest.subscriberFilters?.[event];
      if (filter?.relevant) this.relevance.set(subscriberId, filter.relevant);
      // `*` subscribes to every declared event (publishing an undeclared one is refused), or to
      // those its filter keeps.
      const names = event === '*' ? [...options.registry.events.values()].filter((d) => !filter?.events || filter.events(d)).map((d) => d.name) : [event];
      for (const name of names) {
        this.subscribersByEvent.set(name, [...(this.subscribersByEvent.get(name) ?? []), subscriberId]);
      }
    }
  }

  /** Starts dispatching: a pass now, on every {@link kick}, and every `pollIntervalMs`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.pollIntervalMs);
    // Polling must never keep the process alive on its own.
    this.timer.unref();
    this.kick();
  }

  /** Stops polling and waits for the work in flight to finish. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Wakes the dispatcher now (after a commit); calls while a pass runs coalesce into one more. No-op unless started. */
  kick(): void {
    if (!this.started) return;
    this.wakeAgain = true;
    if (!this.draining) this.draining = this.track(this.drain());
  }

  /** One pass: fan out new events and run the deliveries that are due. For tests and the CLI. */
  runOnce(): Promise<DispatchResult> {
    return this.track(this.pass());
  }

  /** Adds an in-process listener called once per event as it is fanned out; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async drain(): Promise<void> {
    try {
      while (this.wakeAgain && this.started) {
        this.wakeAgain = false;
        const result = await this.pass();
        // A full batch means more may be waiting.
        if (result.fannedOut >= this.batchSize || result.delivered + result.failed >= this.batchSize) this.wakeAgain = true;
      }
    } catch (error) {
      this.logger.error({ err: error }, 'event dispatch pass failed; retrying at the next poll');
    } finally {
      // Cleared in the same tick as the loop's last check, so no kick is lost in between.
      this.draining = null;
    }
  }

  private async pass(): Promise<DispatchResult> {
    const events = await fanOutPending(this.db, { subscribersByEvent: this.subscribersByEvent, relevance: this.relevance, now: this.now(), limit: this.batchSize });
    for (const event of events) this.notify(event);
    const claims = await claimDueDeliveries(this.db, { now: this.now(), leaseMs: this.leaseMs, limit: this.batchSize });
    const outcomes = await this.deliver(claims);
    return {
      fannedOut: events.length,
      delivered: outcomes.filter((o) => o === 'delivered').length,
      failed: outcomes.filter((o) => o === 'failed').length,
    };
  }

  private async deliver(claims: ClaimedDelivery[]): Promise<DeliveryOutcome[]> {
    if (claims.length === 0) return [];
    const hooks = await loadWebhookTargets(this.db, claims);
    const deps = { policy: this.policy, now: this.now, logger: this.logger };
    // Webhooks wait on the network, so they go concurrently; subscriber transactions simply
    // queue for a connection (SQLite has one).
    const settled = await Promise.allSettled(
      claims.map((claim) =>
        claim.targetKind === 'webhook'
          ? deliverToWebhook(this.db, claim, hooks.get(claim.targetId), { ...deps, timeoutMs: this.webhookTimeoutMs })
          : deliverToSubscriber(this.db, claim, this.targets.get(claim.targetId), deps),
      ),
    );
    return settled.map((result, i) => {
      if (result.status === 'fulfilled') return result.value;
      // Recording the outcome failed (database down?): the lease expires and it is retried.
      this.logger.error({ err: result.reason, delivery: claims[i]?.id }, 'could not record an event delivery');
      return 'failed';
    });
  }

  private notify(event: DomainEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn({ err: error, event: event.name }, 'an event listener threw');
      }
    }
  }
}
