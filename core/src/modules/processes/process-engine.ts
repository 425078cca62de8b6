import { inject, injectable } from 'tsyringe';
import { can, requireActor, requirePermission } from '../../kernel/authorization.js';
import type { Actor, Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import type { Knex } from 'knex';
import { BindingResolver } from './binding-resolver.js';
import { evaluateGuards } from './guard-evaluation.js';
import { ProcessCatalog } from './process-catalog.js';
import type { ProcessTransition } from './process-document.js';
import { findTransition, initialState } from './process-graph.js';
import { ProcessTables as T } from './process.migrations.js';
import { toInstance, type InstanceRow, type ProcessInstance, type TriggerKind } from './process.records.js';
import { actorSummary, insertHistory, loadInstanceForUpdate } from './instance-rows.js';
import { recordFailure } from './failure-recorder.js';
import { guardError, TransitionFailure, type FailureRecord } from './transition-failure.js';
import { stale, TransitionExecutor } from './transition-executor.js';
import { VersionStore } from './version-store.js';
import type { StartProcessInput, TransitionRequest, TransitionVia } from './process-engine.inputs.js';

/**
 * Starts process instances and takes transitions. A transition runs in a transaction of its
 * own (a savepoint inside the caller's): guards, then actions; when it is refused or an action
 * fails, everything it wrote rolls back, the instance's history records why, and the caller
 * gets the error. Transitions of one instance are serialised: on PostgreSQL the row is locked,
 * and a caller that sends the `seq` it saw gets CONFLICT when the instance moved meanwhile.
 */
@injectable()
export class ProcessEngine {
  constructor(
    @inject(ProcessCatalog) private readonly catalog: ProcessCatalog,
    @inject(VersionStore) private readonly versions: VersionStore,
    @inject(BindingResolver) private readonly bindings: BindingResolver,
    @inject(TransitionExecutor) private readonly executor: TransitionExecutor,
    @inject(Tokens.EventBus) private readonly events: EventBus,
  ) {}

  /**
   * Starts the process of a record with the version its platform binds now (idempotent: the
   * record's existing instance is returned). CONFLICT PROCESS_NOT_BOUND when nothing is bound.
   */
  async start(ctx: Ctx, input: StartProcessInput): Promise<ProcessInstance> {
    const kind = this.catalog.kind(input.kind);
    if (!kind) throw errors.badInput(`"${input.kind}" is not an installed process kind`, [{ path: 'kind', message: 'is not an installed process kind' }], 'UNKNOWN_KIND');
    const mode = input.mode ?? 'default';
    if (!this.catalog.modeKnown(kind, mode)) throw errors.badInput(`The ${kind.label} process has no mode "${mode}"`, [{ path: 'mode', message: 'is not a mode of this kind' }], 'UNKNOWN_MODE');
    const subjectType = input.subjectType ?? kind.subjectType;
    return inTransaction(ctx, async (trx) => {
      const existing = (await trx.db(T.instance).where({ kind: kind.code, subject_type: subjectType, subject_id: input.subjectId }).first()) as InstanceRow | undefined;
      if (existing) return toInstance(existing);
      const versionId = await this.bindings.resolve(trx, input.platformId, kind.code, mode);
      if (!versionId) {
        throw new PlazaError('CONFLICT', `No ${kind.label.toLowerCase()} process is bound for this platform, and there is no default`, { reason: 'PROCESS_NOT_BOUND' });
      }
      const { version, document } = await this.versions.published(trx, versionId);
      const initial = initialState(document)!;
      const now = Date.now();
      const row: InstanceRow = {
        id: newId('pri'),
        kind: kind.code,
        mode,
        subject_type: subjectType,
        subject_id: input.subjectId,
        platform_id: input.platformId,
        customer_id: input.customerId ?? null,
        definition_id: version.definitionId,
        version_id: version.id,
        state: initial.code,
        seq: 0,
        status: 'active',
        outcome: null,
        run_id: null,
        data: toJson(input.data ?? {}),
        tags: toJson([...new Set(input.tags ?? [])].sort()),
        created_at: now,
        updated_at: now,
        ended_at: null,
      };
      // A concurrent start for the same record inserted first: return that one.
      const inserted = await trx.db(T.instance).insert(row).onConflict(['kind', 'subject_type', 'subject_id']).ignore().returning('id');
      if (inserted.length === 0) return toInstance((await trx.db(T.instance).where({ kind: kind.code, subject_type: subjectType, subject_id: input.subjectId }).first()) as InstanceRow);
      const instance = toInstance({ ...row, data: input.data ?? {}, tags: [...new Set(input.tags ?? [])].sort() });
      const actor = actorSummary(trx.actor);
      await insertHistory(trx, { instanceId: instance.id, transition: 'start', from: null, to: initial.code, trigger: 'start', outcome: 'completed', actor, input: {}, detail: { versionId: version.id, number: version.number } });
      return this.executor.enter(trx, instance, document, [], 0, actor);
    });
  }

  /**
   * Takes transition `name`. The actor must be allowed by one of its triggers (a staff
   * permission for the instance's platform, or the instance's own customer); the system may
   * take any. Returns the instance afterwards (with `pendingRunId` while job steps run).
   */
  async transition(ctx: Ctx, instanceId: string, name: string, request: TransitionRequest = {}, via: TransitionVia = 'request'): Promise<ProcessInstance> {
    try {
      return await (ctx.db as Knex).transaction((trx) => this.take({ ...ctx, db: trx }, instanceId, name, request, via));
    } catch (error) {
      if (!(error instanceof TransitionFailure)) throw error;
      await inTransaction(ctx, (trx) => recordFailure(trx, this.events, error.record, error.error));
      throw error.error;
    }
  }

  /**
   * Merges `patch` into the instance's facts (its `data`, which guards and notifications read:
   * payment status, amount, pickup code…) and then takes the first automatic transition whose
   * guards now pass (e.g. an order waiting for payment moves on once it is paid). In the
   * caller's transaction when there is one. The calling module checks its own permissions.
   */
  async updateData(ctx: Ctx, instanceId: string, patch: Record<string, unknown>): Promise<ProcessInstance> {
    return inTransaction(ctx, async (trx) => {
      const instance = await loadInstanceForUpdate(trx, instanceId);
      const data = { ...instance.data, ...patch };
      await trx.db(T.instance).where('id', instanceId).update({ data: toJson(data), updated_at: Date.now() });
      const updated: ProcessInstance = { ...instance, data };
      if (updated.status === 'ended') return updated;
      const { document } = await this.versions.published(trx, updated.versionId);
      return this.executor.advance(trx, updated, document, 0, actorSummary(trx.actor));
    });
  }

  /** The transitions from the instance's state this actor may take now (guards not evaluated). */
  available(ctx: Ctx, instance: ProcessInstance, transitions: readonly ProcessTransition[]): ProcessTransition[] {
    if (instance.status === 'ended' || instance.pendingRunId) return [];
    return transitions.filter((t) => t.from.includes(instance.state) && this.allowedTrigger(ctx.actor, instance, t) !== null);
  }

  private async take(ctx: Ctx, instanceId: string, name: string, request: TransitionRequest, via: TransitionVia): Promise<ProcessInstance> {
    const instance = await loadInstanceForUpdate(ctx, instanceId);
    if (request.expectedSeq !== undefined && request.expectedSeq !== null && request.expectedSeq !== instance.seq) throw stale();
    if (instance.status === 'ended') throw new PlazaError('CONFLICT', `This ${instance.kind} has finished its process (${instance.state})`, { reason: 'PROCESS_ENDED' });
    if (instance.pendingRunId) throw new PlazaError('CONFLICT', 'A step of the previous transition is still running; try again in a moment', { reason: 'TRANSITION_IN_PROGRESS' });
    const { document } = await this.versions.published(ctx, instance.versionId);
    const transition = findTransition(document, name);
    if (!transition) {
      throw errors.badInput(`The process has no transition "${name}"`, [{ path: 'transition', message: 'is not a transition of this process' }], 'UNKNOWN_TRANSITION');
    }
    if (!transition.from.includes(instance.state)) {
      throw new PlazaError('CONFLICT', `“${transition.label ?? transition.name}” is not possible while the ${instance.kind} is ${instance.state}`, { reason: 'TRANSITION_NOT_AVAILABLE', details: { state: instance.state } });
    }
    const trigger = via === 'request' ? this.authorize(ctx, instance, transition) : via;
    const input = request.input ?? {};
    const base = this.executor.stepBase(ctx, { instance, transition, input }, `${instance.id}:${instance.seq}:guards`);
    const verdict = await evaluateGuards(transition.guards, base, this.catalog);
    if (!verdict.ok) {
      const failed = verdict.verdicts.at(-1)!;
      const record: FailureRecord = { instanceId, transition: name, state: instance.state, outcome: 'rejected', trigger, input, detail: { guards: verdict.verdicts } };
      throw new TransitionFailure(record, guardError(failed, verdict.verdicts));
    }
    return this.executor.runFrom(ctx, { instance, document, transition, trigger, actor: actorSummary(ctx.actor), input, guards: verdict.verdicts, completed: [], runId: null, depth: 0 }, 0);
  }

  /** The trigger through which the actor takes the transition; throws when none allows it. */
  private authorize(ctx: Ctx, instance: ProcessInstance, transition: ProcessTransition): TriggerKind {
    const actor = requireActor(ctx);
    const trigger = this.allowedTrigger(actor, instance, transition);
    if (trigger) return trigger;
    const staff = transition.triggers.find((t) => t.by === 'staff');
    if (staff && staff.by === 'staff' && actor.kind !== 'customer') requirePermission(ctx, staff.permission, { platformId: instance.platformId });
    throw errors.forbidden(`“${transition.label ?? transition.name}” is not taken by ${actor.kind === 'customer' ? 'customers' : 'staff'}; the process takes it itself`, 'TRANSITION_NOT_MANUAL');
  }

  private allowedTrigger(actor: Actor | null, instance: ProcessInstance, transition: ProcessTransition): TriggerKind | null {
    if (!actor) return null;
    if (actor.kind === 'system') return 'system';
    for (const trigger of transition.triggers) {
      if (trigger.by === 'customer' && actor.kind === 'customer' && instance.customerId === actor.id) return 'customer';
      if (trigger.by === 'staff' && actor.kind !== 'customer' && can(actor, trigger.permission, { platformId: instance.platformId })) return 'staff';
    }
    return null;
  }
}
