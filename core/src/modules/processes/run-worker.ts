import { inject, injectable } from 'tsyringe';
import type { Knex } from 'knex';
import type { Ctx } from '../../kernel/context.js';
import { isPlazaError } from '../../kernel/errors.js';
import type { ActionStepType } from '../../kernel/process-contributions.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { fromJson, toJson } from '../../db/json-column.js';
import { findTransition } from './process-graph.js';
import { ProcessCatalog } from './process-catalog.js';
import { ProcessTables as T } from './process.migrations.js';
import { toInstance, type InstanceRow, type TriggerKind } from './process.records.js';
import { insertHistory, type HistoryWrite } from './instance-rows.js';
import { ProcessJobs } from './process-jobs.names.js';
import { summarizeError, TransitionFailure, type StepErrorSummary } from './transition-failure.js';
import { TransitionExecutor, type CompletedStep } from './transition-executor.js';
import { VersionStore } from './version-store.js';

interface RunRow {
  id: string;
  instance_id: string;
  transition: string;
  trigger: TriggerKind;
  status: 'running' | 'compensating' | 'completed' | 'failed';
  next_step: number;
  attempts: number;
  actor: unknown;
  input: unknown;
  completed: unknown;
  error: unknown;
}

/** Why a run failed, as kept on the run until compensation is done. */
interface RunError {
  failedStep: { index: number; type: string };
  error: StepErrorSummary;
}

/**
 * Continues transitions whose actions include jobs: runs the next job action outside any
 * transaction (retried with backoff up to the step's `maxAttempts`; a PlazaError fails at once),
 * then the in-transaction actions after it, until the transition finishes. When a step fails,
 * the completed actions are compensated newest first, the instance stays where it was, and its
 * history says what failed and what was undone.
 */
@injectable()
export class RunWorker {
  constructor(
    @inject(ProcessCatalog) private readonly catalog: ProcessCatalog,
    @inject(VersionStore) private readonly versions: VersionStore,
    @inject(TransitionExecutor) private readonly executor: TransitionExecutor,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(Tokens.JobQueue) private readonly jobs: JobQueue,
  ) {}

  /** The `processes.run_step` job. */
  async runStep(ctx: Ctx, runId: string): Promise<void> {
    const loaded = await this.load(ctx, runId);
    if (!loaded || loaded.run.status !== 'running') return;
    const { run, move } = loaded;
    const index = run.next_step;
    const use = move.transition.actions[index]!;
    const type = this.catalog.stepType(use.type) as ActionStepType | undefined;
    const label = use.label ?? type?.label ?? use.type;
    await ctx.db(T.run).where('id', runId).increment('attempts', 1);
    let result;
    try {
      if (!type || type.kind !== 'action') throw new Error(`The action "${use.type}" is not installed`);
      const config = type.configSchema.parse(use.config);
      result = await type.run({ ...this.executor.stepBase(ctx, move, `${runId}:${index}`), config, scope: this.catalog.stepScope(use.type)! });
    } catch (error) {
      if (!isPlazaError(error) && type && run.attempts + 1 < (type.maxAttempts ?? 3)) throw error;
      await this.beginCompensation(ctx, runId, { failedStep: { index, type: use.type }, error: summarizeError(error) });
      return;
    }
    const completed = [...move.completed, this.executor.completedJobStep(index, use.type, label, result)];
    const recorded = await ctx.db(T.run)
      .where({ id: runId, status: 'running', next_step: index })
      .update({ next_step: index + 1, attempts: 0, completed: toJson(completed), updated_at: Date.now() });
    if (recorded === 0) return;
    try {
      await (ctx.db as Knex).transaction((trx) => this.executor.runFrom({ ...ctx, db: trx }, { ...move, completed }, index + 1));
    } catch (error) {
      if (!(error instanceof TransitionFailure)) throw error;
      const failed = error.record.detail.failedStep as RunError['failedStep'];
      await this.beginCompensation(ctx, runId, { failedStep: failed, error: summarizeError(error.error) });
    }
  }

  /** The `processes.compensate` job: undoes completed actions newest first, then records the failure. */
  async compensate(ctx: Ctx, runId: string): Promise<void> {
    const row = (await ctx.db(T.run).where('id', runId).first()) as RunRow | undefined;
    if (!row || row.status !== 'compensating') return;
    const completed = fromJson<CompletedStep[]>(row.completed);
    const loaded = await this.load(ctx, runId);
    if (!loaded) return;
    for (let i = completed.length - 1; i >= 0; i--) {
      const step = completed[i]!;
      if (step.compensated !== undefined) continue;
      const type = this.catalog.stepType(step.type) as ActionStepType | undefined;
      const undo = type?.compensate;
      const base = { ...this.executor.stepBase(ctx, loaded.move, `${runId}:${step.index}:undo`), scope: this.catalog.stepScope(step.type)! };
      const config = type ? type.configSchema.parse(loaded.move.transition.actions[step.index]!.config) : {};
      // A job action is undone outside any transaction (like its run); a transaction action in one,
      // together with the note that it was undone.
      if (undo && step.execution === 'job') await undo.call(type, { ...base, config }, step.output);
      await (ctx.db as Knex).transaction(async (trx) => {
        if (undo && step.execution === 'transaction') await undo.call(type, { ...base, ctx: { ...ctx, db: trx }, config }, step.output);
        step.compensated = Boolean(undo);
        await trx(T.run).where('id', runId).update({ completed: toJson(completed), updated_at: Date.now() });
      });
    }
    await (ctx.db as Knex).transaction((trx) => this.finishFailed({ ...ctx, db: trx }, row, completed, loaded.instanceRow));
  }

  private async beginCompensation(ctx: Ctx, runId: string, failure: RunError): Promise<void> {
    await (ctx.db as Knex).transaction(async (trx) => {
      const changed = await trx(T.run).where({ id: runId, status: 'running' }).update({ status: 'compensating', error: toJson(failure), updated_at: Date.now() });
      if (changed > 0) await this.jobs.enqueue({ ...ctx, db: trx }, ProcessJobs.Compensate, { runId });
    });
  }

  private async finishFailed(ctx: Ctx, row: RunRow, completed: CompletedStep[], instance: InstanceRow): Promise<void> {
    const changed = await ctx.db(T.run).where({ id: row.id, status: 'compensating' }).update({ status: 'failed', updated_at: Date.now() });
    if (changed === 0) return;
    await ctx.db(T.instance).where({ id: instance.id, run_id: row.id }).update({ run_id: null, updated_at: Date.now() });
    const failure = fromJson<RunError>(row.error);
    const compensated = completed.filter((s) => s.compensated === true).reverse().map((s) => s.type);
    const notCompensable = completed.filter((s) => s.compensated === false).map((s) => s.type);
    await insertHistory(ctx, {
      instanceId: instance.id,
      transition: row.transition,
      from: instance.state,
      to: null,
      trigger: row.trigger,
      outcome: 'failed',
      actor: fromJson<HistoryWrite['actor']>(row.actor),
      input: fromJson<Record<string, unknown>>(row.input),
      detail: { failedStep: failure.failedStep, error: failure.error, compensated, notCompensable },
    });
    await this.events.publish(
      ctx,
      'process.failed',
      { instanceId: instance.id, kind: instance.kind, subjectType: instance.subject_type, subjectId: instance.subject_id, transition: row.transition, state: instance.state, reason: failure.error.reason ?? failure.error.code, message: failure.error.message, compensated },
      { platformId: instance.platform_id },
    );
  }

  private async load(ctx: Ctx, runId: string) {
    const run = (await ctx.db(T.run).where('id', runId).first()) as RunRow | undefined;
    if (!run) return null;
    const instanceRow = (await ctx.db(T.instance).where('id', run.instance_id).first()) as InstanceRow;
    const instance = toInstance(instanceRow);
    const { document } = await this.versions.published(ctx, instance.versionId);
    const transition = findTransition(document, run.transition)!;
    return {
      run,
      instanceRow,
      move: {
        instance,
        document,
        transition,
        trigger: run.trigger,
        actor: fromJson<HistoryWrite['actor']>(run.actor),
        input: fromJson<Record<string, unknown>>(run.input),
        guards: [],
        completed: fromJson<CompletedStep[]>(run.completed),
        runId,
        depth: 0,
      },
    };
  }
}
