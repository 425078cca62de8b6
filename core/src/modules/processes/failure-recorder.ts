import type { Ctx } from '../../kernel/context.js';
import type { PlazaError } from '../../kernel/errors.js';
import type { EventBus } from '../../events/event-bus.js';
import { actorSummary, insertHistory } from './instance-rows.js';
import { ProcessTables as T } from './process.migrations.js';
import type { InstanceRow } from './process.records.js';
import type { FailureRecord } from './transition-failure.js';

/**
 * Writes a refused or failed transition to the instance's history and publishes
 * `process.failed`, with `ctx` (after the transition's own transaction or savepoint rolled back).
 */
export async function recordFailure(ctx: Ctx, events: EventBus, record: FailureRecord, error: PlazaError): Promise<void> {
  const row = (await ctx.db(T.instance).where('id', record.instanceId).first()) as InstanceRow | undefined;
  if (!row) return;
  await insertHistory(ctx, {
    instanceId: record.instanceId,
    transition: record.transition,
    from: record.state,
    to: null,
    trigger: record.trigger,
    outcome: record.outcome,
    actor: actorSummary(ctx.actor),
    input: record.input,
    detail: { ...record.detail, error: { code: error.code, reason: error.reason ?? null, message: error.message } },
  });
  await events.publish(
    ctx,
    'process.failed',
    { instanceId: row.id, kind: row.kind, subjectType: row.subject_type, subjectId: row.subject_id, transition: record.transition, state: record.state, reason: error.reason ?? error.code, message: error.message, compensated: [] },
    { platformId: row.platform_id },
  );
}
