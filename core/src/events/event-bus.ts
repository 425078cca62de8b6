import type { Ctx } from '../kernel/context.js';

/** Options of one published event. */
export interface PublishOptions {
  /** Overrides the platform recorded on the event (defaults to `ctx.platform`). */
  platformId?: string | null;
}

/**
 * Publishes domain events through the transactional outbox: the event row is written with
 * `ctx.db` (the caller's transaction), and delivered to subscribers and webhooks only after
 * that transaction commits. A rolled-back transaction publishes nothing.
 */
export interface EventBus {
  /** Validates the payload against the event's declared schema and writes it to the outbox. */
  publish<T>(ctx: Ctx, name: string, payload: T, options?: PublishOptions): Promise<string>;
}
