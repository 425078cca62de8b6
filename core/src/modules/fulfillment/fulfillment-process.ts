import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { ProcessService } from '../processes/index.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { statusOf, type FulfillmentRow } from './fulfillment.records.js';
import { FulfillmentTokens } from './fulfillment.tokens.js';

/** Column changes a transition brings besides state and status. */
export type FulfillmentChanges = Partial<Pick<FulfillmentRow, 'carrier' | 'tracking_number' | 'tracking_url' | 'cancel_reason' | 'collected_by_staff_id'>>;

const STAMPS: Record<string, 'packed_at' | 'shipped_at' | 'delivered_at'> = { packed: 'packed_at', shipped: 'shipped_at', delivered: 'delivered_at' };

/**
 * A fulfillment's moves through its process: every change of state is a transition of the
 * fulfillment's process instance (taken by the caller's actor, so the process's triggers
 * decide who may), and the row's `state` / `status` follow it in the same transaction.
 */
@injectable()
export class FulfillmentProcess {
  constructor(
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(FulfillmentTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Takes transition `name` of the fulfillment's process in `trx` and stores where it landed. */
  async take(trx: Ctx, row: FulfillmentRow, name: string, input: Record<string, unknown> = {}, changes: FulfillmentChanges = {}): Promise<FulfillmentRow> {
    if (!row.process_instance_id) throw errors.conflict(`Fulfillment ${row.id} has no process`, 'FULFILLMENT_NO_PROCESS');
    const instance = await this.processes.transition(trx, row.process_instance_id, name, { input });
    const now = Date.now();
    const update: Partial<FulfillmentRow> = { ...changes, state: instance.state, status: statusOf(instance), updated_at: now };
    const stamp = STAMPS[instance.state];
    if (stamp && !row[stamp]) update[stamp] = now;
    await trx.db(T.fulfillment).where('id', row.id).update(update);
    const next = { ...row, ...update } as FulfillmentRow;
    await this.events.publish(
      trx,
      'fulfillment.state_changed',
      { fulfillmentId: row.id, orderId: row.order_id, platformId: row.platform_id, locationId: row.location_id, mode: row.mode, from: row.state, to: next.state, status: next.status, trackingNumber: next.tracking_number },
      { platformId: row.platform_id },
    );
    if (trx.actor && trx.actor.kind !== 'system') {
      await this.audit.record(trx, { action: `fulfillment.${name}`, entityType: 'fulfillment', entityId: row.id, platformId: row.platform_id, before: { state: row.state }, after: { state: next.state, ...changes } });
    }
    return next;
  }

  /** Is transition `name` possible from where the fulfillment's process stands, for the system? */
  async canTake(trx: Ctx, row: FulfillmentRow, name: string): Promise<boolean> {
    if (!row.process_instance_id || row.status !== 'open') return false;
    const instance = await this.processes.get(trx, row.process_instance_id);
    return (await this.processes.availableTransitions(trx, instance)).some((t) => t.name === name);
  }
}
