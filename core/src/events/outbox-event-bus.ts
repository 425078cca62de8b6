import type { Ctx } from '../kernel/context.js';
import { PlazaError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { afterCommit } from '../db/transaction.js';
import { toJson } from '../db/json-column.js';
import type { EventBus, PublishOptions } from './event-bus.js';
import { EventTables } from './event-records.js';

/**
 * The transactional-outbox {@link EventBus}: `publish` validates the payload against the
 * event's declared schema and inserts it into `plaza_outbox` with `ctx.db`, so the event
 * exists only if the caller's transaction commits. After the commit it wakes the dispatcher.
 *
 * An undeclared event name or a payload that does not match its schema is a programming
 * error in the publishing service, so both fail with INTERNAL_SERVER_ERROR (reasons
 * `EVENT_UNKNOWN` / `EVENT_PAYLOAD_INVALID`): the gateway masks them for clients and the
 * caller's transaction rolls back.
 */
export class OutboxEventBus implements EventBus {
  private readonly committedListeners = new Set<(name: string) => void>();

  constructor(
    private readonly registry: PluginRegistry,
    private readonly wake: () => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes the event to the outbox in the caller's transaction; returns its id (`evt_…`). */
  async publish<T>(ctx: Ctx, name: string, payload: T, options: PublishOptions = {}): Promise<string> {
    const definition = this.registry.events.get(name);
    if (!definition) {
      throw new PlazaError('INTERNAL_SERVER_ERROR', `Event "${name}" is not declared by any plugin; add it to a plugin's \`events\` list`, {
        reason: 'EVENT_UNKNOWN',
        details: { event: name },
      });
    }
    const parsed = definition.payload.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      throw new PlazaError('INTERNAL_SERVER_ERROR', `Payload of event "${name}" does not match its schema: ${issues.join('; ')}`, {
        reason: 'EVENT_PAYLOAD_INVALID',
        details: { event: name, issues },
      });
    }
    const id = newId('evt');
    await ctx.db(EventTables.outbox).insert({
      id,
      name,
      payload: toJson(parsed.data),
      platform_id: options.platformId !== undefined ? options.platformId : (ctx.platform?.id ?? null),
      actor_id: ctx.actor?.id ?? null,
      occurred_at: this.now(),
      fanned_out: false,
    });
    afterCommit(ctx.db, () => {
      this.wake();
      for (const listener of this.committedListeners) listener(name);
    });
    return id;
  }

  /**
   * Calls `listener` in this process after each published event's transaction commits (the
   * gateway clears its response cache this way). Returns the unsubscribe function.
   */
  onCommitted(listener: (name: string) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }
}
