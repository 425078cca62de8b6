import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import type { BindInput, UnbindInput } from './process-binding.service.js';
import { ProcessBindingService } from './process-binding.service.js';
import { ProcessCatalog } from './process-catalog.js';
import type { StepTypeView } from './process-catalog.views.js';
import type { CreateDefinitionInput, DefinitionSource, UpdateDraftInput } from './process-definition.inputs.js';
import { ProcessDefinitionService } from './process-definition.service.js';
import type { DryRunSample } from './process-dry-run.js';
import { stateOf } from './process-graph.js';
import { bindingsOfDefinition, definitionById, versionsOfDefinition } from './process.loaders.js';
import type { ProcessBinding, ProcessDefinition, ProcessInstance, ProcessVersion } from './process.records.js';
import { processAdminTypeDefs } from './process.schema.js';
import { ProcessService, type InstanceFilter } from './process.service.js';
import { validateDefinition } from './process-validation.js';
import { VersionStore } from './version-store.js';

type Root = unknown;

/** GraphQL enum NAME ↔ stored lowercase value. */
const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** A JSON argument that must be an object (or left out). */
function objectArg(value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw errors.badInput(`${path} must be a JSON object`, [{ path, message: 'must be a JSON object' }], 'NOT_AN_OBJECT');
  return value as Record<string, unknown>;
}

/** The processes module's slice of the admin API. */
export const processAdminGraphQL: GraphQLContribution = {
  typeDefs: processAdminTypeDefs,
  resolvers: (scope) => {
    const definitions = () => scope.container.resolve(ProcessDefinitionService);
    const bindings = () => scope.container.resolve(ProcessBindingService);
    const instances = () => scope.container.resolve(ProcessService);
    const catalog = () => scope.container.resolve(ProcessCatalog);
    const versionStore = () => scope.container.resolve(VersionStore);
    const source = (args: { versionId?: string | null; kind?: string | null; document?: unknown }): DefinitionSource => ({
      versionId: args.versionId ?? null,
      kind: args.kind ?? null,
      document: args.document ?? undefined,
    });
    return {
      ProcessStepKind: enumOf(['GUARD', 'ACTION']),
      ProcessStepExecution: enumOf(['TRANSACTION', 'JOB']),
      ProcessVersionStatus: enumOf(['DRAFT', 'PUBLISHED']),
      ProcessInstanceStatus: enumOf(['ACTIVE', 'ENDED']),
      ProcessOutcome: enumOf(['COMPLETED', 'CANCELLED']),
      ProcessHistoryOutcome: enumOf(['COMPLETED', 'STARTED', 'REJECTED', 'FAILED']),
      ProcessTriggerKind: enumOf(['START', 'STAFF', 'CUSTOMER', 'SYSTEM', 'AUTO', 'EVENT', 'TIMER']),
      ProcessDryRunTrigger: enumOf(['AUTO', 'REQUESTED']),
      Query: {
        processKinds: (_: Root, __: unknown, ctx: Ctx) => definitions().kinds(ctx),
        processStepTypes: (_: Root, args: { kind?: string | null }, ctx: Ctx) =>
          definitions()
            .stepTypes(ctx)
            .filter((s: StepTypeView) => !args.kind || s.kinds === null || s.kinds.includes(args.kind)),
        processDefinitions: (_: Root, args: PageArgs & { kind?: string | null }, ctx: Ctx) => definitions().list(ctx, args),
        processDefinition: (_: Root, args: { id: string }, ctx: Ctx) => definitions().get(ctx, args.id),
        processVersion: (_: Root, args: { id: string }, ctx: Ctx) => definitions().version(ctx, args.id),
        validateProcess: (_: Root, args: { versionId?: string | null; kind?: string | null; document?: unknown }, ctx: Ctx) => definitions().validate(ctx, source(args)),
        dryRunProcess: (_: Root, args: { input: { versionId?: string | null; kind?: string | null; document?: unknown; sample?: SampleArg | null } }, ctx: Ctx) =>
          definitions().dryRun(ctx, { ...source(args.input), sample: toSample(args.input.sample) }),
        processBindings: (_: Root, args: { platformId?: string | null; kind?: string | null }, ctx: Ctx) => bindings().list(ctx, args),
        effectiveProcess: async (_: Root, args: { platformId?: string | null; kind: string; mode?: string | null }, ctx: Ctx) => {
          const versionId = await bindings().effectiveVersionId(ctx, args.platformId ?? null, args.kind, args.mode ?? 'default');
          return versionId ? definitions().version(ctx, versionId) : null;
        },
        processInstances: (_: Root, args: PageArgs & { filter?: InstanceFilter | null }, ctx: Ctx) => instances().list(ctx, args),
        processInstance: (_: Root, args: { id: string }, ctx: Ctx) => instances().get(ctx, args.id),
      },
      Mutation: {
        createProcessDefinition: async (_: Root, args: { input: CreateDefinitionInput }, ctx: Ctx) => (await definitions().create(ctx, args.input)).definition,
        createProcessDraft: (_: Root, args: { definitionId: string; fromVersionId?: string | null }, ctx: Ctx) => definitions().createDraft(ctx, args),
        updateProcessDraft: (_: Root, args: { input: UpdateDraftInput }, ctx: Ctx) => {
          const { versionId, document, notes } = args.input;
          return definitions().updateDraft(ctx, { versionId, ...(document === null ? {} : { document }), ...(notes === undefined ? {} : { notes }) });
        },
        discardProcessDraft: (_: Root, args: { versionId: string }, ctx: Ctx) => definitions().discardDraft(ctx, args.versionId),
        publishProcessVersion: (_: Root, args: { versionId: string; notes?: string | null }, ctx: Ctx) => definitions().publish(ctx, args.versionId, args.notes),
        bindProcess: (_: Root, args: { input: BindInput }, ctx: Ctx) => bindings().bind(ctx, args.input),
        unbindProcess: (_: Root, args: { input: UnbindInput }, ctx: Ctx) => bindings().unbind(ctx, args.input),
        transitionProcess: (_: Root, args: { input: { instanceId: string; transition: string; input?: unknown; expectedSeq?: number | null } }, ctx: Ctx) =>
          instances().transition(ctx, args.input.instanceId, args.input.transition, { input: objectArg(args.input.input, 'input'), expectedSeq: args.input.expectedSeq ?? null }),
      },
      ProcessDefinition: {
        versions: (d: ProcessDefinition, _: unknown, ctx: Ctx) => versionsOfDefinition(ctx, d.id),
        draft: async (d: ProcessDefinition, _: unknown, ctx: Ctx) => (await versionsOfDefinition(ctx, d.id)).find((v) => v.status === 'draft') ?? null,
        latestVersion: async (d: ProcessDefinition, _: unknown, ctx: Ctx) => (await versionsOfDefinition(ctx, d.id)).find((v) => v.status === 'published') ?? null,
        bindings: (d: ProcessDefinition, _: unknown, ctx: Ctx) => bindingsOfDefinition(ctx, d.id),
      },
      ProcessVersion: {
        definition: (v: ProcessVersion, _: unknown, ctx: Ctx) => definitionById(ctx, v.definitionId),
        problems: async (v: ProcessVersion, _: unknown, ctx: Ctx) => {
          const definition = await definitionById(ctx, v.definitionId);
          return validateDefinition(v.document, definition.kind, catalog()).problems;
        },
      },
      ProcessBinding: {
        version: async (b: ProcessBinding, _: unknown, ctx: Ctx) => (await versionStore().published(ctx, b.versionId)).version,
      },
      ProcessInstance: {
        version: async (i: ProcessInstance, _: unknown, ctx: Ctx) => (await versionStore().published(ctx, i.versionId)).version,
        stateLabel: async (i: ProcessInstance, _: unknown, ctx: Ctx) => {
          const { document } = await versionStore().published(ctx, i.versionId);
          return stateOf(document, i.state)?.label ?? i.state;
        },
        pending: (i: ProcessInstance) => i.pendingRunId !== null,
        availableTransitions: (i: ProcessInstance, _: unknown, ctx: Ctx) => instances().availableTransitions(ctx, i),
        history: (i: ProcessInstance, args: PageArgs, ctx: Ctx) => instances().history(ctx, i.id, args),
      },
    };
  },
};

/** The dry-run sample as GraphQL passes it (nulls for fields left out). */
interface SampleArg {
  data?: unknown;
  transitions?: string[] | null;
  input?: unknown;
  platformId?: string | null;
  customerId?: string | null;
  mode?: string | null;
}

function toSample(sample: SampleArg | null | undefined): DryRunSample {
  if (!sample) return {};
  return {
    data: objectArg(sample.data, 'sample.data'),
    transitions: sample.transitions ?? undefined,
    input: objectArg(sample.input, 'sample.input'),
    platformId: sample.platformId ?? null,
    customerId: sample.customerId ?? null,
    mode: sample.mode ?? undefined,
  };
}
