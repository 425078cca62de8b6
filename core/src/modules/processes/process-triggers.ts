import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { isPlazaError } from '../../kernel/errors.js';
import type { DomainEvent } from '../../kernel/plugin.js';
import { ProcessEngine } from './process-engine.js';
import { ProcessTables as T } from './process.migrations.js';

interface WaitRow {
  id: string;
  instance_id: string;
  seq: number;
  subject_value: string;
  subject_path: string;
  transition: string;
}

/** Top-level string values of a payload: the candidates for a subject id. */
export function candidateIds(payload: unknown): string[] {
  if (!payload || typeof payload !== 'object') return [];
  const values = new Set<string>();
  for (const value of Object.values(payload)) if (typeof value === 'string' && value.length > 0 && value.length <= 64) values.add(value);
  return [...values].slice(0, 50);
}

/**
 * Fires event- and timer-triggered transitions. A wait is armed when an instance enters a
 * state; it is matched by event name and the subject's id in the payload (one indexed
 * lookup per event). Both carry the instance's `seq` at arming: an instance that moved on
 * meanwhile is left alone. A refused transition is recorded in the history and not retried.
 */
@injectable()
export class ProcessTriggers {
  constructor(@inject(ProcessEngine) private readonly engine: ProcessEngine) {}

  /** The module's subscriber to every event. */
  async onEvent(event: DomainEvent, ctx: Ctx): Promise<void> {
    const ids = candidateIds(event.payload);
    if (ids.length === 0) return;
    const waits = (await ctx.db(T.wait).where('event', event.name).whereIn('subject_value', ids).orderBy('id')) as WaitRow[];
    const payload = event.payload as Record<string, unknown>;
    const fired = new Set<string>();
    for (const wait of waits) {
      if (payload[wait.subject_path] !== wait.subject_value || fired.has(wait.instance_id)) continue;
      fired.add(wait.instance_id);
      await this.fire(ctx, wait.instance_id, wait.transition, Number(wait.seq), 'event', { event: { id: event.id, name: event.name } });
    }
  }

  /** The `processes.timer` job. */
  async onTimer(ctx: Ctx, payload: { instanceId: string; seq: number; transition: string }): Promise<void> {
    const row = (await ctx.db(T.instance).where('id', payload.instanceId).first('seq', 'status', 'run_id')) as { seq: number; status: string; run_id: string | null } | undefined;
    if (!row || Number(row.seq) !== payload.seq || row.status === 'ended' || row.run_id) return;
    await this.fire(ctx, payload.instanceId, payload.transition, payload.seq, 'timer', {});
  }

  private async fire(ctx: Ctx, instanceId: string, transition: string, seq: number, via: 'event' | 'timer', input: Record<string, unknown>): Promise<void> {
    try {
      await this.engine.transition(ctx, instanceId, transition, { expectedSeq: seq, input }, via);
    } catch (error) {
      if (!isPlazaError(error)) throw error;
      ctx.logger.info({ instanceId, transition, reason: error.reason ?? error.code }, `process: ${via}-triggered transition not taken`);
    }
  }
}

/**
 * The fan-out filter of the module's `*` subscription: of a batch of new events, those some
 * instance waits for (its event name and a subject id in its payload) — one query per batch, so
 * the many events nobody waits for cost no delivery. A wait armed after its event was fanned
 * out does not see that event (it never could rely on it: the event came first).
 */
export async function eventsWaitedFor(db: Knex, events: readonly DomainEvent[]): Promise<ReadonlySet<string>> {
  const wanted = new Set<string>();
  const names = [...new Set(events.map((e) => e.name))];
  const ids = [...new Set(events.flatMap((e) => candidateIds(e.payload)))];
  if (ids.length === 0) return wanted;
  const waiting = (await db(T.wait).distinct('event', 'subject_value').whereIn('event', names).whereIn('subject_value', ids)) as { event: string; subject_value: string }[];
  if (waiting.length === 0) return wanted;
  const keys = new Set(waiting.map((w) => `${w.event}\u0000${w.subject_value}`));
  for (const event of events) {
    if (candidateIds(event.payload).some((id) => keys.has(`${event.name}\u0000${id}`))) wanted.add(event.id);
  }
  return wanted;
}
