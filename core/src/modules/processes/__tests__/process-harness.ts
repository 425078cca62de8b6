import type { GraphQLClient, GraphQLResponseError, TestEnvironment } from '../../../testing/index.js';
import type { ProcessDocumentInput, ProcessTransition } from '../process-document.js';
import type { ProcessInstance } from '../process.records.js';
import { ProcessService } from '../process.service.js';

const VERSION_FIELDS = 'id definitionId number status document notes publishedAt publishedBy problems { code message path state transition }';
const INSTANCE_FIELDS = `id kind mode subjectType subjectId platformId customerId definitionId versionId state stateLabel seq status outcome pending data tags
  version { id number definition { id code name } }
  availableTransitions { name label to }`;

/** Admin operations of the processes module, as the process editor and back office send them. */
export const PQ = {
  kinds: `{ processKinds { code label description subjectType plugin modes { code label } milestones { code label description } } }`,
  stepTypes: `query($kind: String) { processStepTypes(kind: $kind) { code label description kind execution compensable kinds satisfies configSchema plugin } }`,
  definitions: `query($kind: String, $first: Int, $after: String) {
    processDefinitions(kind: $kind, first: $first, after: $after) {
      edges { cursor node { id kind code name description latestVersion { id number } draft { id } bindings { platformId kind mode versionId } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  definition: `query($id: ID!) {
    processDefinition(id: $id) {
      id kind code name description createdAt updatedAt
      versions { ${VERSION_FIELDS} }
      draft { id }
      latestVersion { id number }
      bindings { id platformId kind mode versionId version { id number } boundAt boundBy }
    }
  }`,
  version: `query($id: ID!) { processVersion(id: $id) { ${VERSION_FIELDS} definition { id code kind } } }`,
  validate: `query($versionId: ID, $kind: String, $document: JSON) { validateProcess(versionId: $versionId, kind: $kind, document: $document) { code message path state transition } }`,
  dryRun: `query($input: DryRunProcessInput!) {
    dryRunProcess(input: $input) {
      finalState ended
      path { transition from to trigger guards { type label ok message reason } actions { type label execution } }
      problems { code message path state transition }
    }
  }`,
  bindings: `query($platformId: ID, $kind: String) { processBindings(platformId: $platformId, kind: $kind) { id platformId kind mode versionId version { id number definitionId } boundAt boundBy } }`,
  effective: `query($platformId: ID, $kind: String!, $mode: String) { effectiveProcess(platformId: $platformId, kind: $kind, mode: $mode) { id number definition { code } } }`,
  instances: `query($filter: ProcessInstanceFilter, $first: Int, $after: String) {
    processInstances(filter: $filter, first: $first, after: $after) { edges { cursor node { ${INSTANCE_FIELDS} } } pageInfo { hasNextPage endCursor } }
  }`,
  instance: `query($id: ID!, $first: Int) {
    processInstance(id: $id) {
      ${INSTANCE_FIELDS}
      history(first: $first) { edges { node { id transition fromState toState trigger outcome actor { kind id name } input detail occurredAt } } pageInfo { hasNextPage endCursor } }
    }
  }`,
  createDefinition: `mutation($input: CreateProcessDefinitionInput!) { createProcessDefinition(input: $input) { id kind code name description draft { ${VERSION_FIELDS} } versions { id } } }`,
  createDraft: `mutation($definitionId: ID!, $fromVersionId: ID) { createProcessDraft(definitionId: $definitionId, fromVersionId: $fromVersionId) { ${VERSION_FIELDS} } }`,
  updateDraft: `mutation($input: UpdateProcessDraftInput!) { updateProcessDraft(input: $input) { ${VERSION_FIELDS} } }`,
  discardDraft: `mutation($versionId: ID!) { discardProcessDraft(versionId: $versionId) }`,
  publish: `mutation($versionId: ID!, $notes: String) { publishProcessVersion(versionId: $versionId, notes: $notes) { ${VERSION_FIELDS} } }`,
  bind: `mutation($input: BindProcessInput!) { bindProcess(input: $input) { id platformId kind mode versionId version { id number } boundAt boundBy } }`,
  unbind: `mutation($input: UnbindProcessInput!) { unbindProcess(input: $input) }`,
  transition: `mutation($input: TransitionProcessInput!) { transitionProcess(input: $input) { ${INSTANCE_FIELDS} } }`,
  audit: `query($filter: AuditFilter) { auditLog(first: 100, filter: $filter) { edges { node { action entityType entityId platformId actorId before after } } } }`,
} as const;

/** A validation problem as the API returns it. */
export interface ProblemNode {
  code: string;
  message: string;
  path: string | null;
  state: string | null;
  transition: string | null;
}

/** A version as the tests read it. */
export interface VersionNode {
  id: string;
  definitionId: string;
  number: number | null;
  status: 'DRAFT' | 'PUBLISHED';
  document: ProcessDocumentInput;
  notes: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  problems: ProblemNode[];
}

/** A definition as the tests read it. */
export interface DefinitionNode {
  id: string;
  kind: string;
  code: string;
  name: string;
  description: string | null;
  versions: VersionNode[];
  draft: { id: string } | null;
  latestVersion: { id: string; number: number } | null;
  bindings: { id: string; platformId: string | null; kind: string; mode: string; versionId: string; version: { id: string; number: number } }[];
}

/** A binding as the tests read it. */
export interface BindingNode {
  id: string;
  platformId: string | null;
  kind: string;
  mode: string;
  versionId: string;
  version: { id: string; number: number; definitionId?: string };
  boundBy: string | null;
}

/** An instance as the tests read it. */
export interface InstanceNode {
  id: string;
  kind: string;
  mode: string;
  subjectId: string;
  platformId: string | null;
  versionId: string;
  state: string;
  stateLabel: string;
  seq: number;
  status: 'ACTIVE' | 'ENDED';
  outcome: 'COMPLETED' | 'CANCELLED' | null;
  pending: boolean;
  data: Record<string, unknown>;
  tags: string[];
  version: { id: string; number: number; definition: { id: string; code: string; name: string } };
  availableTransitions: { name: string; label: string; to: string }[];
}

/** A history entry as the tests read it. */
export interface HistoryNode {
  id: string;
  transition: string;
  fromState: string | null;
  toState: string | null;
  trigger: string;
  outcome: string;
  actor: { kind: string; id: string; name: string | null } | null;
  input: Record<string, unknown>;
  detail: Record<string, unknown>;
}

/** The first error of a response, flattened: code, reason, message, fields, details. */
export function firstError(result: { errors?: GraphQLResponseError[] }): { code?: string; reason?: string; message?: string; details?: Record<string, unknown> } {
  const error = result.errors?.[0];
  if (!error) return {};
  const ext = error.extensions ?? {};
  return { code: ext.code, reason: ext.reason, message: error.message, details: ext.details as Record<string, unknown> | undefined };
}

/** Every process definition (all pages), through the admin API. */
export async function allDefinitions(client: GraphQLClient, kind?: string): Promise<(Omit<DefinitionNode, 'versions'> & { latestVersion: { id: string; number: number } | null })[]> {
  const nodes: DefinitionNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { processDefinitions: { edges: { node: DefinitionNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await client.data(PQ.definitions, { kind, first: 100, after });
    nodes.push(...page.processDefinitions.edges.map((e) => e.node));
    if (!page.processDefinitions.pageInfo.hasNextPage) return nodes;
    after = page.processDefinitions.pageInfo.endCursor;
  }
}

/** A definition by code (e.g. a shipped one, `standard-return`), with its versions and bindings. */
export async function definitionByCode(client: GraphQLClient, code: string): Promise<DefinitionNode> {
  const found = (await allDefinitions(client)).find((d) => d.code === code);
  if (!found) throw new Error(`no process definition "${code}"`);
  return (await client.data<{ processDefinition: DefinitionNode }>(PQ.definition, { id: found.id })).processDefinition;
}

/** Reads an instance (with its history) through the admin API. */
export async function readInstance(client: GraphQLClient, id: string): Promise<InstanceNode & { history: { edges: { node: HistoryNode }[] } }> {
  return (await client.data<{ processInstance: InstanceNode & { history: { edges: { node: HistoryNode }[] } } }>(PQ.instance, { id })).processInstance;
}

/** Takes a transition through the admin API (the raw response, to check errors). */
export function transition(client: GraphQLClient, instanceId: string, name: string, extra: { input?: Record<string, unknown>; expectedSeq?: number } = {}) {
  return client.query<{ transitionProcess: InstanceNode }>(PQ.transition, { input: { instanceId, transition: name, ...extra } });
}

let subjects = 0;

/**
 * Starts the process of a return as the returns module will: through the exported
 * {@link ProcessService}, as the system, with the return's platform and amounts.
 */
export function startReturn(env: TestEnvironment, input: { platformId: string | null; total: number; currency?: string; subjectId?: string }): Promise<ProcessInstance> {
  subjects += 1;
  const service = env.plaza.container.resolve(ProcessService);
  return service.start(env.plaza.systemCtx(), {
    kind: 'return',
    subjectId: input.subjectId ?? `ret_test_${Date.now().toString(36)}_${subjects}`,
    platformId: input.platformId,
    data: { total: input.total, currency: input.currency ?? 'EUR' },
  });
}

/** A small valid return process (requested → approved → refunded, or rejected). */
export function simpleReturnDocument(): ProcessDocumentInput {
  return {
    states: [
      { code: 'requested', label: 'Requested', initial: true },
      { code: 'approved', label: 'Approved' },
      { code: 'refunded', label: 'Refunded', terminal: true },
      { code: 'rejected', label: 'Rejected', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'approve', label: 'Approve', from: ['requested'], to: 'approved', triggers: [{ by: 'staff', permission: 'processes.approve' }] },
      { name: 'reject', label: 'Reject', from: ['requested'], to: 'rejected', triggers: [{ by: 'staff', permission: 'processes.approve' }] },
      { name: 'refund', label: 'Refund', from: ['approved'], to: 'refunded', triggers: [{ by: 'staff', permission: 'processes.transition' }], actions: [{ type: 'core.notify_customer', config: { template: 'return.refunded' } }] },
    ],
  };
}

/**
 * The shipped return process with "manager approval for returns over `amount`": a state
 * `awaiting_approval`, an auto `hold_for_approval` (guard `core.amount_above`) listed before the
 * auto `approve`, `manager_approve` for `processes.approve`, and a reject from the new state.
 */
export function withManagerApproval(document: ProcessDocumentInput, amount: number): ProcessDocumentInput {
  const approver = { by: 'staff', permission: 'processes.approve' } as const;
  const states = [...document.states];
  const at = states.findIndex((s) => s.code === 'requested') + 1;
  states.splice(at, 0, { code: 'awaiting_approval', label: 'Awaiting approval', description: `Returns over ${(amount / 100).toFixed(2)} wait for a manager` });
  const transitions = (document.transitions ?? []).map((t) =>
    t.name === 'reject' || t.name === 'cancel' ? { ...t, from: [...t.from, 'awaiting_approval'] } : t,
  ) as ProcessTransition[];
  const approveAt = transitions.findIndex((t) => t.name === 'approve');
  const hold: ProcessTransition = {
    name: 'hold_for_approval',
    label: 'Hold for a manager',
    from: ['requested'],
    to: 'awaiting_approval',
    triggers: [{ by: 'auto' }],
    guards: [{ type: 'core.amount_above', config: { amount } }],
    actions: [],
  };
  const approve = transitions[approveAt]!;
  const managerApprove: ProcessTransition = {
    name: 'manager_approve',
    label: 'Approve (manager)',
    from: ['awaiting_approval'],
    to: 'approved',
    triggers: [approver],
    guards: [],
    actions: approve.actions,
  };
  transitions.splice(approveAt, 0, hold);
  transitions.splice(approveAt + 2, 0, managerApprove);
  return { states, transitions };
}
