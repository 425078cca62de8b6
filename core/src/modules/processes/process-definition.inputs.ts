import type { PageArgs } from '../../gateway/connection.js';
import type { DryRunSample } from './process-dry-run.js';

/** A new process definition with its first draft. */
export interface CreateDefinitionInput {
  kind: string;
  code: string;
  name: string;
  description?: string | null;
  /** The first draft's document (may be incomplete; it is validated when published). */
  document: unknown;
}

/** A new draft of a definition: a copy of `fromVersionId`, else of the newest published version. */
export interface CreateDraftInput {
  definitionId: string;
  fromVersionId?: string | null;
}

/** Changes to a draft; fields left out keep their value. */
export interface UpdateDraftInput {
  versionId: string;
  document?: unknown;
  notes?: string | null;
}

/** What to validate or dry-run: a stored version, or a document of a kind sent as is. */
export interface DefinitionSource {
  versionId?: string | null;
  kind?: string | null;
  document?: unknown;
}

export interface DryRunInput extends DefinitionSource {
  sample?: DryRunSample | null;
}

export type DefinitionListArgs = PageArgs & { kind?: string | null };
