import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { lazyAuditLog } from '../platforms/platform.tokens.js';
import { BindingResolver } from './binding-resolver.js';
import { ProcessBindingService } from './process-binding.service.js';
import { ProcessCatalog } from './process-catalog.js';
import { ProcessDefinitionService } from './process-definition.service.js';
import { ProcessEngine } from './process-engine.js';
import { processEvents } from './process.events.js';
import { processAdminGraphQL } from './process.graphql.js';
import { processJobs } from './process.jobs.js';
import { coreProcessKinds } from './process-kinds.js';
import { processMigrations } from './process.migrations.js';
import { processPermissions } from './process.permissions.js';
import { seedShippedProcesses } from './process.seed.js';
import { ProcessService } from './process.service.js';
import { ProcessTokens } from './process.tokens.js';
import { eventsWaitedFor, ProcessTriggers } from './process-triggers.js';
import { RunWorker } from './run-worker.js';
import { coreStepTypes } from './step-types/index.js';
import { TransitionExecutor } from './transition-executor.js';
import { VersionStore } from './version-store.js';

export { ProcessService, type AvailableTransition, type InstanceFilter } from './process.service.js';
export { ProcessDefinitionService } from './process-definition.service.js';
export { ProcessBindingService, type BindInput, type UnbindInput } from './process-binding.service.js';
export { ProcessPermission, processPermissions } from './process.permissions.js';
export { ProcessTables } from './process.migrations.js';
export type { StartProcessInput, TransitionRequest } from './process-engine.inputs.js';
export type { ProcessDefinition, ProcessVersion, ProcessBinding, ProcessInstance, ProcessHistoryEntry, HistoryOutcome, TriggerKind, InstanceStatus } from './process.records.js';
export type { ProcessDocument, ProcessDocumentInput, ProcessState, ProcessTransition, StepUse, Trigger, ValidationProblem } from './process-document.js';
export type { DryRunSample, DryRunResult, DryRunStep } from './process-dry-run.js';

/**
 * The processes module: staff-configured state machines for orders, fulfillments and returns.
 * Step types (guards and actions) come from every plugin's `stepTypes`; definitions are
 * versioned (draft → validate → publish), bound per platform, kind and mode; each record's
 * instance keeps the version it started with. See docs/processes.md.
 */
export const processesModule = definePlugin({
  name: 'core.processes',
  version: PLAZA_VERSION,
  description: 'Order, fulfillment and return processes: step types, versions, bindings and instances',
  requires: ['core.platforms', 'core.roles'],
  migrations: processMigrations,
  permissions: processPermissions,
  events: processEvents,
  jobs: processJobs,
  stepTypes: coreStepTypes,
  processKinds: coreProcessKinds,
  graphql: { admin: processAdminGraphQL },
  subscribers: {
    '*': (event, ctx, scope) => scope.container.resolve(ProcessTriggers).onEvent(event, ctx),
  },
  subscriberFilters: { '*': { relevant: eventsWaitedFor } },
  register({ container }) {
    container.registerInstance(ProcessTokens.Audit, lazyAuditLog(container));
    container.registerSingleton(ProcessCatalog);
    container.registerSingleton(VersionStore);
    container.registerSingleton(BindingResolver);
    container.registerSingleton(TransitionExecutor);
    container.registerSingleton(ProcessEngine);
    container.registerSingleton(RunWorker);
    container.registerSingleton(ProcessTriggers);
    container.registerSingleton(ProcessDefinitionService);
    container.registerSingleton(ProcessBindingService);
    container.registerSingleton(ProcessService);
  },
  exports: [ProcessService, ProcessDefinitionService, ProcessBindingService],
  seed: { base: (ctx, scope) => seedShippedProcesses(ctx, scope) },
});
