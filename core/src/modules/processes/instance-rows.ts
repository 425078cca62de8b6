import type { Actor, Ctx } from '../../kernel/context.js';
import { dialectOf } from '../../db/database.js';
import { toJson } from '../../db/json-column.js';
import { newId } from '../../kernel/ids.js';
import { errors } from '../../kernel/errors.js';
import type { StepInstance } from '../../kernel/process-contributions.js';
import { ProcessTables as T } from './process.migrations.js';
import { toInstance, type HistoryOutcome, type InstanceRow, type ProcessInstance, type TriggerKind } from './process.records.js';

/** Reads an instance; on PostgreSQL the row stays locked until the transaction ends (transitions queue up). */
export async function loadInstanceForUpdate(ctx: Ctx, id: string): Promise<ProcessInstance> {
  const query = ctx.db(T.instance).where('id', id);
  if (dialectOf(ctx.db) === 'postgres') query.forUpdate();
  const row = (await query.first()) as InstanceRow | undefined;
  if (!row) throw errors.notFound('Process instance', id);
  return toInstance(row);
}

/** What a step sees of an instance. */
export function stepInstanceOf(instance: ProcessInstance): StepInstance {
  return {
    id: instance.id,
    kind: instance.kind,
    mode: instance.mode,
    subjectType: instance.subjectType,
    subjectId: instance.subjectId,
    platformId: instance.platformId,
    customerId: instance.customerId,
    state: instance.state,
    data: instance.data,
    tags: instance.tags,
  };
}

/** A history entry to write. */
export interface HistoryWrite {
  instanceId: string;
  transition: string;
  from: string | null;
  to: string | null;
  trigger: TriggerKind;
  outcome: HistoryOutcome;
  actor: Pick<Actor, 'kind' | 'id' | 'name'> | null;
  input: Record<string, unknown>;
  detail: Record<string, unknown>;
}

/** Appends one entry to an instance's history. */
export async function insertHistory(ctx: Ctx, entry: HistoryWrite): Promise<void> {
  await ctx.db(T.history).insert({
    id: newId('prh'),
    instance_id: entry.instanceId,
    transition: entry.transition,
    from_state: entry.from,
    to_state: entry.to,
    trigger: entry.trigger,
    outcome: entry.outcome,
    actor_kind: entry.actor?.kind ?? null,
    actor_id: entry.actor?.id ?? null,
    actor_name: entry.actor?.name ?? null,
    input: toJson(entry.input),
    detail: toJson(entry.detail),
    occurred_at: Date.now(),
  });
}

/** The actor as runs and history keep it (no grants, no session). */
export function actorSummary(actor: Actor | null): Pick<Actor, 'kind' | 'id' | 'name'> | null {
  return actor ? { kind: actor.kind, id: actor.id, name: actor.name } : null;
}
