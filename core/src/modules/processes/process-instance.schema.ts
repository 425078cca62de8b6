/** Admin type definitions of process instances: where records stand, their history, transitions. */
export const processInstanceTypeDefs = /* GraphQL */ `
  enum ProcessInstanceStatus {
    ACTIVE
    ENDED
  }

  "How an instance ended (its terminal state's outcome)."
  enum ProcessOutcome {
    COMPLETED
    CANCELLED
  }

  "What became of a transition recorded in an instance's history."
  enum ProcessHistoryOutcome {
    "The instance moved."
    COMPLETED
    "Its job steps are running; a COMPLETED or FAILED entry follows."
    STARTED
    "A guard or a permission refused it; the instance stayed where it was."
    REJECTED
    "A step failed; the steps before it were compensated and the instance stayed where it was."
    FAILED
  }

  "Who or what set off a transition."
  enum ProcessTriggerKind {
    START
    STAFF
    CUSTOMER
    SYSTEM
    AUTO
    EVENT
    TIMER
  }

  "Who took a transition."
  type ProcessActor {
    kind: String!
    id: ID!
    name: String
  }

  "A transition the viewer can take now, as a button shows it (guards are checked when it is taken)."
  type ProcessAvailableTransition {
    name: String!
    label: String!
    "The state it leads to."
    to: String!
  }

  "One guard's verdict."
  type ProcessGuardVerdict {
    "The step type's code."
    type: String!
    label: String!
    ok: Boolean!
    message: String
    reason: String
    "The input field the guard needs (a form shows the message there)."
    field: String
  }

  "One entry of an instance's history: a transition taken, started, refused or failed, and why."
  type ProcessHistoryEntry {
    id: ID!
    "The transition's name; start for the instance's start."
    transition: String!
    fromState: String
    "Null when the transition was refused or failed."
    toState: String
    trigger: ProcessTriggerKind!
    outcome: ProcessHistoryOutcome!
    "Null when the process moved by itself outside a request."
    actor: ProcessActor
    input: JSON!
    "Guards' verdicts, actions run, the error and the compensations, as recorded."
    detail: JSON!
    occurredAt: DateTime!
  }

  type ProcessHistoryEntryEdge {
    cursor: String!
    node: ProcessHistoryEntry!
  }

  type ProcessHistoryEntryConnection {
    edges: [ProcessHistoryEntryEdge!]!
    pageInfo: PageInfo!
  }

  "The process a record (an order, a fulfillment, a return) follows: where it stands and the version it keeps."
  type ProcessInstance {
    id: ID!
    kind: String!
    mode: String!
    subjectType: String!
    "The record's id (e.g. the return's)."
    subjectId: ID!
    platformId: ID
    customerId: ID
    definitionId: ID!
    versionId: ID!
    "The published version the instance started with; it keeps it until it ends."
    version: ProcessVersion!
    "The current state's code."
    state: String!
    "The current state's label in the instance's version."
    stateLabel: String!
    "Grows by one with every completed transition; send it back as expectedSeq to detect a stale view."
    seq: Int!
    status: ProcessInstanceStatus!
    outcome: ProcessOutcome
    "True while a transition's job steps run; the instance takes no other transition meanwhile."
    pending: Boolean!
    "The facts steps read (amount, currency, payment status…)."
    data: JSON!
    tags: [String!]!
    "The transitions the viewer can take now."
    availableTransitions: [ProcessAvailableTransition!]!
    "What happened, oldest first."
    history(first: Int, after: String): ProcessHistoryEntryConnection!
    createdAt: DateTime!
    updatedAt: DateTime!
    endedAt: DateTime
  }

  type ProcessInstanceEdge {
    cursor: String!
    node: ProcessInstance!
  }

  type ProcessInstanceConnection {
    edges: [ProcessInstanceEdge!]!
    pageInfo: PageInfo!
  }

  input ProcessInstanceFilter {
    kind: String
    platformId: ID
    state: String
    status: ProcessInstanceStatus
    versionId: ID
    subjectId: ID
  }

  input TransitionProcessInput {
    instanceId: ID!
    "The transition's name."
    transition: String!
    "Given to guards and actions, and kept in the history."
    input: JSON
    "The seq you saw; CONFLICT (STALE_TRANSITION) when the instance moved meanwhile."
    expectedSeq: Int
  }


  extend type Query {
    "Process instances, newest first, of the platforms the viewer may read. Needs processes.read."
    processInstances(filter: ProcessInstanceFilter, first: Int, after: String): ProcessInstanceConnection!
    "One instance. Needs processes.read on its platform."
    processInstance(id: ID!): ProcessInstance!
  }

  extend type Mutation {
    "Takes a transition of an instance; allowed by the transition's triggers (e.g. a staff permission on the instance's platform)."
    transitionProcess(input: TransitionProcessInput!): ProcessInstance!
  }
`;
