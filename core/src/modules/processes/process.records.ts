import { fromJson } from '../../db/json-column.js';
import { epochDateOrNull, epochMillis } from '../../db/epoch-column.js';
import type { ProcessDocument, ProcessDocumentInput } from './process-document.js';

/** A named process of one kind (e.g. "Click & collect", kind `order`) with its versions. */
export interface ProcessDefinition {
  id: string;
  kind: string;
  code: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type VersionStatus = 'draft' | 'published';

/** One version of a definition: an editable draft, or a published, immutable version. */
export interface ProcessVersion {
  id: string;
  definitionId: string;
  /** 1, 2, 3… once published; null for a draft. */
  number: number | null;
  status: VersionStatus;
  /** The states and transitions (a draft may hold an invalid document while being edited). */
  document: ProcessDocumentInput;
  notes: string | null;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** Which published version a platform (or the default, `platformId` null) runs for a kind and mode. */
export interface ProcessBinding {
  id: string;
  platformId: string | null;
  kind: string;
  mode: string;
  versionId: string;
  boundAt: Date;
  boundBy: string | null;
}

export type InstanceStatus = 'active' | 'ended';

/** The process a record (an order, a fulfillment, a return) follows: its state and pinned version. */
export interface ProcessInstance {
  id: string;
  kind: string;
  mode: string;
  subjectType: string;
  subjectId: string;
  platformId: string | null;
  customerId: string | null;
  definitionId: string;
  versionId: string;
  state: string;
  /** Grows by one with every completed transition; send it back to detect a stale view. */
  seq: number;
  status: InstanceStatus;
  outcome: 'completed' | 'cancelled' | null;
  /** Set while a transition's job steps are running; the instance takes no other transition meanwhile. */
  pendingRunId: string | null;
  data: Record<string, unknown>;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export type HistoryOutcome = 'completed' | 'started' | 'rejected' | 'failed';
export type TriggerKind = 'start' | 'staff' | 'customer' | 'system' | 'auto' | 'event' | 'timer';

/** One entry of an instance's history: a transition taken, started, refused or failed, and why. */
export interface ProcessHistoryEntry {
  id: string;
  instanceId: string;
  transition: string;
  fromState: string | null;
  toState: string | null;
  trigger: TriggerKind;
  outcome: HistoryOutcome;
  actor: { kind: string; id: string; name: string | null } | null;
  input: Record<string, unknown>;
  /** Guards' verdicts, actions run, the error and the compensations, as recorded. */
  detail: Record<string, unknown>;
  occurredAt: Date;
}

export interface DefinitionRow {
  id: string;
  kind: string;
  code: string;
  name: string;
  description: string | null;
  created_at: number | string;
  updated_at: number | string;
}

export interface VersionRow {
  id: string;
  definition_id: string;
  number: number | null;
  status: VersionStatus;
  document: unknown;
  notes: string | null;
  created_at: number | string;
  created_by: string | null;
  updated_at: number | string;
  published_at: number | string | null;
  published_by: string | null;
}

export interface BindingRow {
  id: string;
  scope: string;
  kind: string;
  mode: string;
  version_id: string;
  bound_at: number | string;
  bound_by: string | null;
}

export interface InstanceRow {
  id: string;
  kind: string;
  mode: string;
  subject_type: string;
  subject_id: string;
  platform_id: string | null;
  customer_id: string | null;
  definition_id: string;
  version_id: string;
  state: string;
  seq: number;
  status: InstanceStatus;
  outcome: 'completed' | 'cancelled' | null;
  run_id: string | null;
  data: unknown;
  tags: unknown;
  created_at: number | string;
  updated_at: number | string;
  ended_at: number | string | null;
}

export interface HistoryRow {
  id: string;
  instance_id: string;
  transition: string;
  from_state: string | null;
  to_state: string | null;
  trigger: TriggerKind;
  outcome: HistoryOutcome;
  actor_kind: string | null;
  actor_id: string | null;
  actor_name: string | null;
  input: unknown;
  detail: unknown;
  occurred_at: number | string;
}

/** The binding scope of the default (platforms that bind nothing of their own). */
export const DEFAULT_SCOPE = 'default';

export function toDefinition(row: DefinitionRow): ProcessDefinition {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    description: row.description,
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

export function toVersion(row: VersionRow): ProcessVersion {
  return {
    id: row.id,
    definitionId: row.definition_id,
    number: row.number === null ? null : Number(row.number),
    status: row.status,
    document: fromJson<ProcessDocument>(row.document),
    notes: row.notes,
    createdAt: new Date(epochMillis(row.created_at)),
    createdBy: row.created_by,
    updatedAt: new Date(epochMillis(row.updated_at)),
    publishedAt: epochDateOrNull(row.published_at),
    publishedBy: row.published_by,
  };
}

export function toBinding(row: BindingRow): ProcessBinding {
  return {
    id: row.id,
    platformId: row.scope === DEFAULT_SCOPE ? null : row.scope,
    kind: row.kind,
    mode: row.mode,
    versionId: row.version_id,
    boundAt: new Date(epochMillis(row.bound_at)),
    boundBy: row.bound_by,
  };
}

export function toInstance(row: InstanceRow): ProcessInstance {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    platformId: row.platform_id,
    customerId: row.customer_id,
    definitionId: row.definition_id,
    versionId: row.version_id,
    state: row.state,
    seq: Number(row.seq),
    status: row.status,
    outcome: row.outcome,
    pendingRunId: row.run_id,
    data: fromJson<Record<string, unknown>>(row.data),
    tags: fromJson<string[]>(row.tags),
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
    endedAt: epochDateOrNull(row.ended_at),
  };
}

export function toHistoryEntry(row: HistoryRow): ProcessHistoryEntry {
  return {
    id: row.id,
    instanceId: row.instance_id,
    transition: row.transition,
    fromState: row.from_state,
    toState: row.to_state,
    trigger: row.trigger,
    outcome: row.outcome,
    actor: row.actor_kind && row.actor_id ? { kind: row.actor_kind, id: row.actor_id, name: row.actor_name } : null,
    input: fromJson<Record<string, unknown>>(row.input),
    detail: fromJson<Record<string, unknown>>(row.detail),
    occurredAt: new Date(epochMillis(row.occurred_at)),
  };
}
