import type { SubscriberHandler } from '../../kernel/plugin.js';
import { inTransaction } from '../../db/transaction.js';
import { ProcessService } from '../processes/index.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { statusOf, type FulfillmentRow } from './fulfillment.records.js';
import { OrderSync } from './order-sync.js';

interface Transitioned {
  instanceId: string;
  kind: string;
  subjectId: string;
}

/**
 * Keeps a fulfillment's `state` / `status` in step when its process moved without this module
 * (a staff member took a transition in the process screen, a timer fired). Reads the instance
 * as it stands now, so duplicate or late events change nothing.
 */
export const processSync: SubscriberHandler = async (event, ctx, scope) => {
  const p = event.payload as Transitioned;
  if (p.kind !== 'fulfillment') return;
  await inTransaction(ctx, async (trx) => {
    const row = (await trx.db(T.fulfillment).where({ id: p.subjectId, process_instance_id: p.instanceId }).first()) as FulfillmentRow | undefined;
    if (!row) return;
    const instance = await scope.container.resolve(ProcessService).get(trx, p.instanceId);
    const status = statusOf(instance);
    if (instance.state === row.state && status === row.status) return;
    await trx.db(T.fulfillment).where('id', row.id).update({ state: instance.state, status, updated_at: Date.now() });
    await scope.container.resolve(OrderSync).afterChange(trx, row.order_id);
  });
};
