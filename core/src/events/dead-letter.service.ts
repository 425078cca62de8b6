import { requirePermission } from '../kernel/authorization.js';
import type { Ctx } from '../kernel/context.js';
import { errors } from '../kernel/errors.js';
import { afterCommit, inTransaction } from '../db/transaction.js';
import { readPageArgs, type Connection, type PageArgs } from '../gateway/connection.js';
import { findDeliveryView, pageOfDeliveries, requeueDeadDelivery, type EventDeliveryView } from './delivery-views.js';
import { EventPermission } from './events.permissions.js';

/** What the dead-letter service needs. */
export interface DeadLetterServiceDeps {
  now?: () => number;
  /** Wakes the dispatcher after a retry commits. */
  wake?: () => void;
}

/**
 * Deliveries (to subscribers or webhooks) that failed `maxAttempts` times, for staff: list
 * them (`events.read`) and send one again (`events.retry`).
 */
export class DeadLetterService {
  private readonly now: () => number;
  private readonly wake: () => void;

  constructor(deps: DeadLetterServiceDeps = {}) {
    this.now = deps.now ?? Date.now;
    this.wake = deps.wake ?? (() => undefined);
  }

  /** Dead deliveries, newest first. */
  async list(ctx: Ctx, args: PageArgs = {}): Promise<Connection<EventDeliveryView>> {
    requirePermission(ctx, EventPermission.Read);
    return pageOfDeliveries(ctx.db, { status: 'dead' }, readPageArgs(args));
  }

  /** Puts a dead delivery back in the queue with its attempts reset; CONFLICT when it is not dead. */
  async retry(ctx: Ctx, deliveryId: string): Promise<EventDeliveryView> {
    requirePermission(ctx, EventPermission.Retry);
    return inTransaction(ctx, async (tx) => {
      if (!(await requeueDeadDelivery(tx.db, deliveryId, this.now()))) {
        const existing = await findDeliveryView(tx.db, deliveryId);
        if (!existing) throw errors.notFound('Event delivery', deliveryId);
        throw errors.conflict(`Only a dead delivery can be retried; this one is ${existing.status}`, 'DELIVERY_NOT_DEAD');
      }
      afterCommit(tx.db, this.wake);
      const view = await findDeliveryView(tx.db, deliveryId);
      if (!view) throw errors.notFound('Event delivery', deliveryId);
      return view;
    });
  }
}
