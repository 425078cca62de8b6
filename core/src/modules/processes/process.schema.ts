import { processInstanceTypeDefs } from './process-instance.schema.js';

/** Admin type definitions of process definitions: kinds, step types, versions, validation, dry runs, bindings. */
export const processDefinitionTypeDefs = /* GraphQL */ `
  "Is a step type a condition (guard) or something that happens (action)?"
  enum ProcessStepKind {
    GUARD
    ACTION
  }

  "Where an action runs: inside the transition's transaction, or in a background job (retried, compensated on failure)."
  enum ProcessStepExecution {
    TRANSACTION
    JOB
  }

  enum ProcessVersionStatus {
    "Being edited; never runs."
    DRAFT
    "Numbered and immutable; can be bound and run."
    PUBLISHED
  }

  "Why a dry run took a transition."
  enum ProcessDryRunTrigger {
    "It fired by itself (an auto trigger whose guards passed)."
    AUTO
    "The sample asked for it."
    REQUESTED
  }

  "A variant of a process kind a platform binds separately (e.g. pickup orders)."
  type ProcessMode {
    code: String!
    label: String!
  }

  "Something every way to complete a process of a kind must pass (e.g. payment for orders)."
  type ProcessMilestone {
    code: String!
    label: String!
    description: String!
  }

  "A kind of record that follows a process: order, fulfillment, return, or one a plugin adds."
  type ProcessKind {
    code: String!
    label: String!
    description: String!
    "The type of record an instance belongs to."
    subjectType: String!
    "The modes a platform may bind separately; default first."
    modes: [ProcessMode!]!
    milestones: [ProcessMilestone!]!
    "The plugin that adds this kind."
    plugin: String!
  }

  "A guard or action a process transition can use, contributed by a plugin."
  type ProcessStepType {
    "Unique code, e.g. core.amount_above."
    code: String!
    label: String!
    description: String!
    kind: ProcessStepKind!
    "Guards always run in the transaction."
    execution: ProcessStepExecution!
    "Can it be undone when a later step of the transition fails?"
    compensable: Boolean!
    "The process kinds it fits; null for every kind."
    kinds: [String!]
    "Milestones of a kind this step fulfils (e.g. payment)."
    satisfies: [String!]!
    "JSON Schema (draft 2020-12) of the step's config: render it as a form."
    configSchema: JSON!
    "The plugin that adds this step type."
    plugin: String!
  }

  "One thing wrong with a process document, with a stable code and where it is."
  type ProcessProblem {
    "Stable code, e.g. UNREACHABLE_STATE, INVALID_STEP_CONFIG, MILESTONE_MISSING."
    code: String!
    message: String!
    "JSON path into the document, e.g. transitions[2].guards[0].config.amount."
    path: String
    "The state it is about."
    state: String
    "The transition it is about."
    transition: String
  }

  "A named process of one kind (e.g. Click & collect, an order process) with its versions."
  type ProcessDefinition {
    id: ID!
    kind: String!
    "Unique lowercase code, e.g. standard-return."
    code: String!
    name: String!
    description: String
    "The draft first (if any), then published versions newest first."
    versions: [ProcessVersion!]!
    "The draft being edited, if any (one per definition)."
    draft: ProcessVersion
    "The newest published version, if any."
    latestVersion: ProcessVersion
    "Where this definition's versions are bound (the default binding has platformId null)."
    bindings: [ProcessBinding!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ProcessDefinitionEdge {
    cursor: String!
    node: ProcessDefinition!
  }

  type ProcessDefinitionConnection {
    edges: [ProcessDefinitionEdge!]!
    pageInfo: PageInfo!
  }

  "One version of a definition: an editable draft, or a published, immutable version."
  type ProcessVersion {
    id: ID!
    definitionId: ID!
    definition: ProcessDefinition!
    "1, 2, 3… once published; null for a draft."
    number: Int
    status: ProcessVersionStatus!
    "The states and transitions (see docs/processes.md). A draft may hold an invalid document while being edited."
    document: JSON!
    "The problems that keep this version from being published (empty for a published version)."
    problems: [ProcessProblem!]!
    notes: String
    createdAt: DateTime!
    createdBy: String
    updatedAt: DateTime!
    publishedAt: DateTime
    publishedBy: String
  }

  "Which published version a platform (or the default, platformId null) runs for a kind and mode."
  type ProcessBinding {
    id: ID!
    "Null for the default binding (platforms that bind nothing of their own)."
    platformId: ID
    kind: String!
    mode: String!
    versionId: ID!
    version: ProcessVersion!
    boundAt: DateTime!
    boundBy: String
  }

  "An action a dry run would run (it is listed, never run)."
  type ProcessDryRunAction {
    type: String!
    label: String!
    execution: ProcessStepExecution!
  }

  "One transition a dry run took, or tried and was stopped at by a guard."
  type ProcessDryRunStep {
    transition: String!
    from: String!
    to: String!
    trigger: ProcessDryRunTrigger!
    guards: [ProcessGuardVerdict!]!
    actions: [ProcessDryRunAction!]!
  }

  "Where a dry run went and what stopped it."
  type ProcessDryRunResult {
    path: [ProcessDryRunStep!]!
    "The state the sample ended up in (empty when the document has no single initial state)."
    finalState: String!
    "Did it end in a terminal state?"
    ended: Boolean!
    "The document's problems, then what stopped the run."
    problems: [ProcessProblem!]!
  }

  "The made-up record a dry run walks through the process with."
  input ProcessDryRunSample {
    "The record's facts, e.g. { total: 25000, currency: EUR }."
    data: JSON
    "Transitions to try in order after the start (as staff, customers, events or timers would)."
    transitions: [String!]
    "Input passed to every transition."
    input: JSON
    platformId: ID
    customerId: ID
    "The mode (default when left out)."
    mode: String
  }

  "What to dry-run: a stored version, or a kind and a document sent as is; and the sample."
  input DryRunProcessInput {
    versionId: ID
    kind: String
    document: JSON
    sample: ProcessDryRunSample
  }

  input CreateProcessDefinitionInput {
    "An installed process kind (see processKinds)."
    kind: String!
    "Unique lowercase code, e.g. click-and-collect."
    code: String!
    name: String!
    description: String
    "The first draft's document (may be incomplete; it is validated when published)."
    document: JSON
  }

  "Fields left out keep their value; document replaces the whole document."
  input UpdateProcessDraftInput {
    versionId: ID!
    document: JSON
    notes: String
  }

  input BindProcessInput {
    "Null binds the default (needs processes.bind for all platforms)."
    platformId: ID
    kind: String!
    "Default when left out."
    mode: String
    "A published version of a definition of this kind."
    versionId: ID!
  }

  input UnbindProcessInput {
    platformId: ID!
    kind: String!
    "Default when left out."
    mode: String
  }

  type Query {
    "Installed process kinds with their modes and milestones. Needs processes.read."
    processKinds: [ProcessKind!]!
    "Installed step types with their config forms, optionally only those that fit a kind. Needs processes.read."
    processStepTypes(kind: String): [ProcessStepType!]!
    "Process definitions, oldest first, optionally of one kind. Needs processes.read."
    processDefinitions(kind: String, first: Int, after: String): ProcessDefinitionConnection!
    "One process definition. Needs processes.read."
    processDefinition(id: ID!): ProcessDefinition!
    "One version (draft or published). Needs processes.read."
    processVersion(id: ID!): ProcessVersion!
    "The problems of a stored version, or of a kind and a document sent as is (empty: it can be published). Needs processes.read."
    validateProcess(versionId: ID, kind: String, document: JSON): [ProcessProblem!]!
    "Walks a sample through a version or a document without touching anything. Needs processes.read."
    dryRunProcess(input: DryRunProcessInput!): ProcessDryRunResult!
    "A platform's bindings and the defaults (platformId null), or every binding the viewer may see. Needs processes.read."
    processBindings(platformId: ID, kind: String): [ProcessBinding!]!
    "The version a new instance of the kind and mode on the platform (null: a platform without its own) starts with; null when nothing is bound. Needs processes.read on the platform."
    effectiveProcess(platformId: ID, kind: String!, mode: String): ProcessVersion
  }

  type Mutation {
    "Creates a definition of a kind with its first draft. Needs processes.manage."
    createProcessDefinition(input: CreateProcessDefinitionInput!): ProcessDefinition!
    "Starts a new draft copied from a version (default: the newest published). One draft per definition. Needs processes.manage."
    createProcessDraft(definitionId: ID!, fromVersionId: ID): ProcessVersion!
    "Edits a draft; a published version is refused (CONFLICT VERSION_PUBLISHED). Needs processes.manage."
    updateProcessDraft(input: UpdateProcessDraftInput!): ProcessVersion!
    "Throws a draft away. Needs processes.manage."
    discardProcessDraft(versionId: ID!): Boolean!
    "Publishes a draft as the next numbered version; refused with BAD_USER_INPUT PROCESS_INVALID and extensions.details.problems when it has problems. Needs processes.manage."
    publishProcessVersion(versionId: ID!, notes: String): ProcessVersion!
    "Binds a published version for a platform (or the default); new instances start with it, running ones keep theirs. Needs processes.bind on the platform."
    bindProcess(input: BindProcessInput!): ProcessBinding!
    "Removes a platform's own binding (the default applies again); false when it had none. Needs processes.bind on the platform."
    unbindProcess(input: UnbindProcessInput!): Boolean!
  }
`;

/** The processes module's slice of the admin API. */
export const processAdminTypeDefs = [processDefinitionTypeDefs, processInstanceTypeDefs].join('\n');
