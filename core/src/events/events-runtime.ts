import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../kernel/config.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { DeadLetterService } from './dead-letter.service.js';
import { EventDispatcher } from './event-dispatcher.js';
import { OutboxEventBus } from './outbox-event-bus.js';
import { WebhookService } from './webhook.service.js';

/** What {@link createEventsRuntime} needs. */
export interface EventsRuntimeOptions {
  /** The root connection. */
  db: Knex;
  registry: PluginRegistry;
  config: Pick<ResolvedConfig, 'events'>;
  logger: Logger;
  /** The clock, epoch ms (tests pass a fake one). */
  now?: () => number;
  /** Webhook request timeout (default 10 s). */
  webhookTimeoutMs?: number;
  /** How long a claimed delivery stays leased to one process (default 5 min). */
  leaseMs?: number;
  /** Events and deliveries handled per dispatcher pass (default 50). */
  batchSize?: number;
}

/** The events subsystem, wired: publish with `bus`, run `dispatcher` in workers, manage with the services. */
export interface EventsRuntime {
  bus: OutboxEventBus;
  dispatcher: EventDispatcher;
  webhooks: WebhookService;
  deadLetters: DeadLetterService;
}

/**
 * Builds the events subsystem over one database. The bus and the services wake the
 * dispatcher after their transaction commits; the dispatcher only works once `start()`ed
 * (or when `runOnce()` is called), so API-only processes can share the same runtime.
 */
export function createEventsRuntime(options: EventsRuntimeOptions): EventsRuntime {
  const now = options.now ?? Date.now;
  const dispatcher = new EventDispatcher({ ...options, now });
  const wake = () => dispatcher.kick();
  return {
    bus: new OutboxEventBus(options.registry, wake, now),
    dispatcher,
    webhooks: new WebhookService({ registry: options.registry, now, wake }),
    deadLetters: new DeadLetterService({ now, wake }),
  };
}
