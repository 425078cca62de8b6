import { inject, injectable } from 'tsyringe';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { ProcessEngine } from './process-engine.js';
import type { StartProcessInput, TransitionRequest } from './process-engine.inputs.js';
import { ProcessTables as T } from './process.migrations.js';
import { ProcessPermission as P } from './process.permissions.js';
import { toHistoryEntry, toInstance, type HistoryRow, type InstanceRow, type InstanceStatus, type ProcessHistoryEntry, type ProcessInstance } from './process.records.js';
import { VersionStore } from './version-store.js';

/** Filters of the instances list. */
export interface InstanceFilter {
  kind?: string | null;
  platformId?: string | null;
  state?: string | null;
  status?: InstanceStatus | null;
  versionId?: string | null;
  subjectId?: string | null;
}

/** A transition the actor can take now, as buttons show it. */
export interface AvailableTransition {
  name: string;
  label: string;
  to: string;
  /** How the record ends when it takes this transition (the target state's outcome), or null. */
  outcome: 'completed' | 'cancelled' | null;
}

/**
 * The processes of records: start one (the orders, fulfillment and returns modules do, with
 * the record's platform), read where it stands and its history, and take transitions. Reading
 * needs `processes.read` for the record's platform; taking a transition is allowed by the
 * transition's own triggers (see {@link ProcessEngine}).
 */
@injectable()
export class ProcessService {
  constructor(
    @inject(ProcessEngine) private readonly engine: ProcessEngine,
    @inject(VersionStore) private readonly versions: VersionStore,
  ) {}

  /** Starts the process of a record (idempotent per record). The calling module checks its own permissions. */
  start(ctx: Ctx, input: StartProcessInput): Promise<ProcessInstance> {
    return this.engine.start(ctx, input);
  }

  /** Takes a transition; see {@link ProcessEngine.transition}. */
  transition(ctx: Ctx, instanceId: string, name: string, request: TransitionRequest = {}): Promise<ProcessInstance> {
    return this.engine.transition(ctx, instanceId, name, request);
  }

  /** Merges facts into the instance's data and takes an automatic transition they now allow; see {@link ProcessEngine.updateData}. */
  updateData(ctx: Ctx, instanceId: string, patch: Record<string, unknown>): Promise<ProcessInstance> {
    return this.engine.updateData(ctx, instanceId, patch);
  }

  async get(ctx: Ctx, id: string): Promise<ProcessInstance> {
    const row = (await ctx.db(T.instance).where('id', id).first()) as InstanceRow | undefined;
    if (!row) throw errors.notFound('Process instance', id);
    requirePermission(ctx, P.Read, { platformId: row.platform_id });
    return toInstance(row);
  }

  /** The instance of a record (e.g. kind `return`, subject the return's id), or null. */
  async bySubject(ctx: Ctx, kind: string, subjectId: string, subjectType?: string): Promise<ProcessInstance | null> {
    const query = ctx.db(T.instance).where({ kind, subject_id: subjectId });
    if (subjectType) query.where('subject_type', subjectType);
    const row = (await query.first()) as InstanceRow | undefined;
    if (!row) return null;
    requirePermission(ctx, P.Read, { platformId: row.platform_id });
    return toInstance(row);
  }

  /** A page of instances, newest first, of the platforms the actor may read. */
  async list(ctx: Ctx, args: PageArgs & { filter?: InstanceFilter | null } = {}): Promise<Connection<ProcessInstance>> {
    const actor = requirePermission(ctx, P.Read, { platformId: args.filter?.platformId ?? null });
    const page = readPageArgs(args);
    const filter = args.filter ?? {};
    const query = ctx.db(T.instance).orderBy('id', 'desc').limit(page.size + 1);
    if (filter.kind) query.where('kind', filter.kind);
    if (filter.platformId) query.where('platform_id', filter.platformId);
    if (filter.state) query.where('state', filter.state);
    if (filter.status) query.where('status', filter.status);
    if (filter.versionId) query.where('version_id', filter.versionId);
    if (filter.subjectId) query.where('subject_id', filter.subjectId);
    if (page.afterKey) query.where('id', '<', page.afterKey);
    const scope = permissionScope(actor, P.Read);
    if (!scope.all && !scope.unscopedPlatforms) query.whereIn('platform_id', [...scope.platformIds]);
    const rows = (await query) as InstanceRow[];
    return toConnection(rows.map(toInstance), page.size, (i) => i.id);
  }

  /** The history of an instance, oldest first. */
  async history(ctx: Ctx, instanceId: string, args: PageArgs = {}): Promise<Connection<ProcessHistoryEntry>> {
    await this.get(ctx, instanceId);
    const page = readPageArgs({ first: args.first ?? 100, after: args.after });
    const query = ctx.db(T.history).where('instance_id', instanceId).orderBy('id').limit(page.size + 1);
    if (page.afterKey) query.where('id', '>', page.afterKey);
    const rows = (await query) as HistoryRow[];
    return toConnection(rows.map(toHistoryEntry), page.size, (h) => h.id);
  }

  /** The transitions the actor could take from where the instance stands (guards decide when taken). */
  async availableTransitions(ctx: Ctx, instance: ProcessInstance): Promise<AvailableTransition[]> {
    const { document } = await this.versions.published(ctx, instance.versionId);
    const outcomeOf = (code: string) => {
      const state = document.states.find((s) => s.code === code);
      return state?.terminal ? (state.outcome ?? 'completed') : null;
    };
    return this.engine.available(ctx, instance, document.transitions).map((t) => ({ name: t.name, label: t.label ?? t.name, to: t.to, outcome: outcomeOf(t.to) }));
  }

  /** The label of a state of the instance's process version (the code when unknown). */
  async stateLabel(ctx: Ctx, versionId: string, state: string): Promise<string> {
    const { document } = await this.versions.published(ctx, versionId);
    return document.states.find((s) => s.code === state)?.label ?? state;
  }
}
