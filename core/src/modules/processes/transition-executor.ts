import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import type { ActionStepType, ArmedTrigger, StepContext } from '../../kernel/process-contributions.js';
import { Tokens } from '../../kernel/tokens.js';
import { PlazaError } from '../../kernel/errors.js';
import type { EventBus } from '../../events/event-bus.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { toJson } from '../../db/json-column.js';
import { evaluateGuards, type GuardVerdict } from './guard-evaluation.js';
import { outcomeOf, type ProcessDocument, type ProcessTransition } from './process-document.js';
import { autoTransitionsFrom, stateOf, transitionsFrom } from './process-graph.js';
import { ProcessCatalog } from './process-catalog.js';
import { ProcessTables as T } from './process.migrations.js';
import type { ProcessInstance, TriggerKind } from './process.records.js';
import { actionError, summarizeError, TransitionFailure } from './transition-failure.js';
import { insertHistory, stepInstanceOf, type HistoryWrite } from './instance-rows.js';
import { ProcessJobs } from './process-jobs.names.js';
import { recordFailure } from './failure-recorder.js';
import type { Knex } from 'knex';

/** Automatic transitions followed in a row before the engine stops (a published process cannot loop, see AUTO_LOOP). */
export const AUTO_CHAIN_LIMIT = 25;

/** One action that ran, as the run keeps it for the finish and for compensation. */
export interface CompletedStep {
  index: number;
  type: string;
  label: string;
  execution: 'transaction' | 'job';
  output: unknown;
  data?: Record<string, unknown>;
  addTags?: string[];
  removeTags?: string[];
  arm?: ArmedTrigger[];
  /** Set once compensation dealt with it: true (undone) or false (the step has no compensation). */
  compensated?: boolean;
}

/** A transition on its way: what was decided before its actions run. */
export interface Move {
  instance: ProcessInstance;
  document: ProcessDocument;
  transition: ProcessTransition;
  trigger: TriggerKind;
  actor: HistoryWrite['actor'];
  input: Record<string, unknown>;
  guards: GuardVerdict[];
  completed: CompletedStep[];
  runId: string | null;
  depth: number;
}

/**
 * Runs a transition's actions in order and finishes it: in-transaction actions in the caller's
 * transaction; at the first job action the transition becomes a run (the instance takes no
 * other transition until it ends) and continues in jobs. Finishing moves the instance, writes
 * history, publishes `process.transitioned`, re-arms event and timer triggers and follows
 * automatic transitions.
 */
@injectable()
export class TransitionExecutor {
  constructor(
    @inject(ProcessCatalog) private readonly catalog: ProcessCatalog,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(Tokens.JobQueue) private readonly jobs: JobQueue,
  ) {}

  /** The step context of a move (config and scope are added per step). */
  stepBase(ctx: Ctx, move: Pick<Move, 'instance' | 'transition' | 'input'>, key: string): Omit<StepContext<unknown>, 'config' | 'scope'> {
    return {
      ctx,
      instance: stepInstanceOf(move.instance),
      transition: { name: move.transition.name, from: move.instance.state, to: move.transition.to },
      input: move.input,
      idempotencyKey: key,
    };
  }

  /** Runs actions from `start` on inside `ctx`'s transaction; returns the instance afterwards. */
  async runFrom(ctx: Ctx, move: Move, start: number): Promise<ProcessInstance> {
    const actions = move.transition.actions;
    for (let index = start; index < actions.length; index++) {
      const use = actions[index]!;
      const type = this.catalog.stepType(use.type) as ActionStepType | undefined;
      const label = use.label ?? type?.label ?? use.type;
      if (!type || type.kind !== 'action') throw this.failure(move, index, use.type, new PlazaError('CONFLICT', `The action "${use.type}" is not installed`, { reason: 'STEP_TYPE_MISSING' }));
      if (type.execution === 'job') return this.suspend(ctx, move, index);
      let result;
      try {
        const config = type.configSchema.parse(use.config);
        result = await type.run({ ...this.stepBase(ctx, move, `${move.runId ?? move.instance.id}:${move.instance.seq}:${index}`), config, scope: this.catalog.stepScope(use.type)! });
      } catch (error) {
        throw this.failure(move, index, use.type, error);
      }
      move.completed.push({ index, type: use.type, label, execution: 'transaction', output: result?.output ?? null, data: result?.data, addTags: result?.addTags, removeTags: result?.removeTags, arm: result?.arm });
    }
    return this.finish(ctx, move);
  }

  /** Records the result of a job action (run by the run worker) as completed. */
  completedJobStep(index: number, type: string, label: string, result: Awaited<ReturnType<ActionStepType['run']>>): CompletedStep {
    return { index, type, label, execution: 'job', output: result?.output ?? null, data: result?.data ?? undefined, addTags: result?.addTags, removeTags: result?.removeTags, arm: result?.arm };
  }

  private failure(move: Move, index: number, type: string, error: unknown): TransitionFailure {
    const publicError = actionError(type, error);
    return new TransitionFailure(
      {
        instanceId: move.instance.id,
        transition: move.transition.name,
        state: move.instance.state,
        outcome: 'failed',
        trigger: move.trigger,
        input: move.input,
        detail: { guards: move.guards, failedStep: { index, type }, error: summarizeError(error), actions: move.completed.map(({ type: t, execution }) => ({ type: t, execution })) },
      },
      publicError,
    );
  }

  /** Turns the transition into a run that continues in a job at action `index`. */
  private async suspend(ctx: Ctx, move: Move, index: number): Promise<ProcessInstance> {
    const now = Date.now();
    const runId = move.runId ?? newId('prr');
    if (move.runId) {
      await ctx.db(T.run).where('id', runId).update({ next_step: index, attempts: 0, completed: toJson(move.completed), updated_at: now });
    } else {
      await ctx.db(T.run).insert({
        id: runId,
        instance_id: move.instance.id,
        transition: move.transition.name,
        trigger: move.trigger,
        status: 'running',
        next_step: index,
        attempts: 0,
        actor: toJson(move.actor),
        input: toJson(move.input),
        completed: toJson(move.completed),
        error: null,
        created_at: now,
        updated_at: now,
      });
      const updated = await ctx.db(T.instance).where({ id: move.instance.id, seq: move.instance.seq }).whereNull('run_id').update({ run_id: runId, updated_at: now });
      if (updated === 0) throw stale();
      await insertHistory(ctx, {
        instanceId: move.instance.id,
        transition: move.transition.name,
        from: move.instance.state,
        to: move.transition.to,
        trigger: move.trigger,
        outcome: 'started',
        actor: move.actor,
        input: move.input,
        detail: { guards: move.guards, actions: move.completed.map(({ type, execution }) => ({ type, execution })), waitingFor: move.transition.actions[index]!.type },
      });
    }
    const type = this.catalog.stepType(move.transition.actions[index]!.type) as ActionStepType;
    await this.jobs.enqueue(ctx, ProcessJobs.RunStep, { runId }, { maxAttempts: (type.maxAttempts ?? 3) + 1 });
    return { ...move.instance, pendingRunId: runId };
  }

  /** Moves the instance to the transition's target state and everything that follows from it. */
  private async finish(ctx: Ctx, move: Move): Promise<ProcessInstance> {
    const { instance, transition, document } = move;
    const target = stateOf(document, transition.to)!;
    const ended = target.terminal === true;
    const data = { ...instance.data };
    const tags = new Set(instance.tags);
    for (const step of move.completed) {
      Object.assign(data, step.data ?? {});
      for (const tag of step.addTags ?? []) tags.add(tag);
      for (const tag of step.removeTags ?? []) tags.delete(tag);
    }
    const now = Date.now();
    const next: ProcessInstance = {
      ...instance,
      state: target.code,
      seq: instance.seq + 1,
      status: ended ? 'ended' : 'active',
      outcome: ended ? outcomeOf(target) : null,
      pendingRunId: null,
      data,
      tags: [...tags].sort(),
      updatedAt: new Date(now),
      endedAt: ended ? new Date(now) : null,
    };
    const update = ctx.db(T.instance).where({ id: instance.id, seq: instance.seq });
    if (move.runId) update.where('run_id', move.runId);
    else update.whereNull('run_id');
    const changed = await update.update({
      state: next.state,
      seq: next.seq,
      status: next.status,
      outcome: next.outcome,
      run_id: null,
      data: toJson(data),
      tags: toJson(next.tags),
      updated_at: now,
      ended_at: ended ? now : null,
    });
    if (changed === 0) throw stale();
    if (move.runId) await ctx.db(T.run).where('id', move.runId).update({ status: 'completed', completed: toJson(move.completed), updated_at: now });
    await insertHistory(ctx, {
      instanceId: instance.id,
      transition: transition.name,
      from: instance.state,
      to: target.code,
      trigger: move.trigger,
      outcome: 'completed',
      actor: move.actor,
      input: move.input,
      detail: { guards: move.guards, actions: move.completed.map(({ type, execution }) => ({ type, execution })) },
    });
    await this.events.publish(
      ctx,
      'process.transitioned',
      { instanceId: instance.id, kind: instance.kind, subjectType: instance.subjectType, subjectId: instance.subjectId, transition: transition.name, from: instance.state, to: target.code, trigger: move.trigger, ended, outcome: next.outcome },
      { platformId: instance.platformId },
    );
    return this.enter(ctx, next, document, move.completed.flatMap((s) => s.arm ?? []), move.depth, move.actor);
  }

  /**
   * What happens on entering a state: earlier waits are dropped, the state's event and timer
   * triggers (and those actions armed) are armed, and the first automatic transition whose
   * guards pass is taken.
   */
  async enter(ctx: Ctx, instance: ProcessInstance, document: ProcessDocument, armed: ArmedTrigger[], depth: number, actor: HistoryWrite['actor']): Promise<ProcessInstance> {
    await ctx.db(T.wait).where('instance_id', instance.id).delete();
    if (instance.status === 'ended') return instance;
    const triggers: ArmedTrigger[] = [...armed];
    for (const transition of transitionsFrom(document, instance.state)) {
      for (const trigger of transition.triggers) {
        if (trigger.by === 'event') triggers.push({ transition: transition.name, event: trigger.event, subjectPath: trigger.subjectPath });
        if (trigger.by === 'timer') triggers.push({ transition: transition.name, afterMinutes: trigger.afterMinutes });
      }
    }
    await this.arm(ctx, instance, triggers);
    return this.advance(ctx, instance, document, depth, actor);
  }

  /**
   * Takes the first automatic transition from the instance's state whose guards pass (after
   * its facts changed, or on entering the state). Returns the instance as it stands afterwards.
   */
  async advance(ctx: Ctx, instance: ProcessInstance, document: ProcessDocument, depth: number, actor: HistoryWrite['actor']): Promise<ProcessInstance> {
    if (instance.status === 'ended' || instance.pendingRunId) return instance;
    if (depth >= AUTO_CHAIN_LIMIT) {
      ctx.logger.warn({ instanceId: instance.id, state: instance.state }, 'process: automatic transitions stopped after the chain limit');
      return instance;
    }
    for (const transition of autoTransitionsFrom(document, instance.state)) {
      const base = this.stepBase(ctx, { instance, transition, input: {} }, `${instance.id}:${instance.seq}:auto`);
      const verdict = await evaluateGuards(transition.guards, base, this.catalog);
      if (!verdict.ok) continue;
      const move: Move = { instance, document, transition, trigger: 'auto', actor, input: {}, guards: verdict.verdicts, completed: [], runId: null, depth: depth + 1 };
      return this.takeAutomatic(ctx, move);
    }
    return instance;
  }

  /**
   * An automatic transition runs in a savepoint: when one of its actions fails, only it rolls
   * back — the transition that led here stays taken — and the failure is recorded.
   */
  private async takeAutomatic(ctx: Ctx, move: Move): Promise<ProcessInstance> {
    try {
      return await (ctx.db as Knex).transaction((savepoint) => this.runFrom({ ...ctx, db: savepoint }, move, 0));
    } catch (error) {
      if (!(error instanceof TransitionFailure)) throw error;
      await recordFailure(ctx, this.events, error.record, error.error);
      return move.instance;
    }
  }

  private async arm(ctx: Ctx, instance: ProcessInstance, triggers: ArmedTrigger[]): Promise<void> {
    if (triggers.length === 0) return;
    const subjectKey = this.catalog.kind(instance.kind)?.subjectKey ?? 'id';
    const now = Date.now();
    const waits = triggers
      .filter((t) => t.event)
      .map((t) => ({
        id: newId('prw'),
        instance_id: instance.id,
        seq: instance.seq,
        event: t.event!,
        subject_value: instance.subjectId,
        subject_path: t.subjectPath ?? subjectKey,
        transition: t.transition,
        created_at: now,
      }));
    if (waits.length > 0) await ctx.db(T.wait).insert(waits);
    for (const t of triggers) {
      if (t.afterMinutes === undefined) continue;
      await this.jobs.enqueue(ctx, ProcessJobs.Timer, { instanceId: instance.id, seq: instance.seq, transition: t.transition }, { delayMs: t.afterMinutes * 60_000 });
    }
  }
}

/** The instance changed under this transition (another one was taken first). */
export function stale(): PlazaError {
  return new PlazaError('CONFLICT', 'This record changed while you were working on it; reload it and try again', { reason: 'STALE_TRANSITION' });
}

