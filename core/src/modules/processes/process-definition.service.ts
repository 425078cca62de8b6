import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { readPageArgs, toConnection, type Connection } from '../../gateway/connection.js';
import { ProcessCatalog } from './process-catalog.js';
import { toKindView, toStepTypeView, type ProcessKindView, type StepTypeView } from './process-catalog.views.js';
import type { ValidationProblem } from './process-document.js';
import { dryRun, type DryRunResult } from './process-dry-run.js';
import { ProcessTables as T } from './process.migrations.js';
import { ProcessPermission as P } from './process.permissions.js';
import { toDefinition, toVersion, type DefinitionRow, type ProcessDefinition, type ProcessVersion, type VersionRow } from './process.records.js';
import { ProcessTokens } from './process.tokens.js';
import { validateDefinition } from './process-validation.js';
import type { CreateDefinitionInput, CreateDraftInput, DefinitionListArgs, DefinitionSource, DryRunInput, UpdateDraftInput } from './process-definition.inputs.js';

const CODE = /^[a-z][a-z0-9_-]{1,63}$/;

function codeTaken(code: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The code "${code}" is already used by another process`, { reason: 'PROCESS_CODE_TAKEN', fields: [{ path: 'code', message: 'is already used' }], cause });
}

function concurrent(what: string, reason: string, cause: unknown): PlazaError {
  return new PlazaError('CONFLICT', `Someone else ${what} at the same moment; reload and try again`, { reason, cause });
}

function invalid(problems: ValidationProblem[]): PlazaError {
  return new PlazaError('BAD_USER_INPUT', `The process has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]!.message}`, {
    reason: 'PROCESS_INVALID',
    details: { problems },
  });
}

/**
 * Process definitions and their versions: drafts staff edit, validation, dry runs, and
 * publication (a published version never changes; the next edit is a new draft). Every write
 * is audited.
 */
@injectable()
export class ProcessDefinitionService {
  constructor(
    @inject(ProcessCatalog) private readonly catalog: ProcessCatalog,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(ProcessTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Every process kind with its modes and milestones. */
  kinds(ctx: Ctx): ProcessKindView[] {
    requirePermission(ctx, P.Read);
    return this.catalog.kinds().map(toKindView);
  }

  /** Every step type with its config form. */
  stepTypes(ctx: Ctx): StepTypeView[] {
    requirePermission(ctx, P.Read);
    return this.catalog.stepTypes().map(toStepTypeView);
  }

  /** A page of definitions, oldest first, optionally of one kind. */
  async list(ctx: Ctx, args: DefinitionListArgs = {}): Promise<Connection<ProcessDefinition>> {
    requirePermission(ctx, P.Read);
    const page = readPageArgs(args);
    const query = ctx.db(T.definition).orderBy('id').limit(page.size + 1);
    if (args.kind) query.where('kind', args.kind);
    if (page.afterKey) query.where('id', '>', page.afterKey);
    const rows = (await query) as DefinitionRow[];
    return toConnection(rows.map(toDefinition), page.size, (d) => d.id);
  }

  async get(ctx: Ctx, id: string): Promise<ProcessDefinition> {
    requirePermission(ctx, P.Read);
    return this.loadDefinition(ctx, id);
  }

  /** A definition's versions: the draft first, then published ones newest first. */
  async versions(ctx: Ctx, definitionId: string): Promise<ProcessVersion[]> {
    requirePermission(ctx, P.Read);
    const rows = (await ctx.db(T.version).where('definition_id', definitionId)) as VersionRow[];
    const rank = (v: ProcessVersion) => v.number ?? Number.MAX_SAFE_INTEGER;
    return rows.map(toVersion).sort((a, b) => rank(b) - rank(a));
  }

  async version(ctx: Ctx, id: string): Promise<ProcessVersion> {
    requirePermission(ctx, P.Read);
    return this.loadVersion(ctx, id);
  }

  /** Creates a definition of a kind with its first draft. */
  async create(ctx: Ctx, input: CreateDefinitionInput): Promise<{ definition: ProcessDefinition; draft: ProcessVersion }> {
    requirePermission(ctx, P.Manage);
    const fields = [];
    if (!this.catalog.kind(input.kind)) fields.push({ path: 'kind', message: `is not an installed process kind (${this.catalog.kinds().map((k) => k.code).join(', ')})` });
    if (!CODE.test(input.code ?? '')) fields.push({ path: 'code', message: 'must be a lowercase code like "click-and-collect"' });
    if (!input.name?.trim() || input.name.length > 200) fields.push({ path: 'name', message: 'must be 1–200 characters' });
    if (fields.length > 0) throw errors.badInput('The process definition is not valid', fields, 'DEFINITION_INVALID');
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.definition).where('code', input.code).first('id')) throw codeTaken(input.code);
      const now = Date.now();
      const row: DefinitionRow = { id: newId('prc'), kind: input.kind, code: input.code, name: input.name.trim(), description: input.description ?? null, created_at: now, updated_at: now };
      try {
        await trx.db(T.definition).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(input.code, error);
        throw error;
      }
      const draft = await this.insertDraft(trx, row.id, input.document ?? { states: [], transitions: [] }, now);
      const definition = toDefinition(row);
      await this.audit.record(trx, { action: 'process.created', entityType: 'process_definition', entityId: row.id, after: { kind: row.kind, code: row.code, name: row.name } });
      return { definition, draft };
    });
  }

  /** Starts a new draft, copied from a version (default: the newest published). One draft per definition. */
  async createDraft(ctx: Ctx, input: CreateDraftInput): Promise<ProcessVersion> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      await this.loadDefinition(trx, input.definitionId);
      const existing = (await trx.db(T.version).where({ definition_id: input.definitionId, status: 'draft' }).first('id')) as { id: string } | undefined;
      if (existing) throw new PlazaError('CONFLICT', 'This process already has a draft; edit or discard it first', { reason: 'DRAFT_EXISTS', details: { versionId: existing.id } });
      const source = input.fromVersionId
        ? await this.loadVersion(trx, input.fromVersionId)
        : ((await trx.db(T.version).where({ definition_id: input.definitionId, status: 'published' }).orderBy('number', 'desc').first()) as VersionRow | undefined);
      if (!source) throw errors.notFound('Published version of process', input.definitionId);
      const version = 'definitionId' in source ? source : toVersion(source);
      if (version.definitionId !== input.definitionId) throw errors.badInput('That version belongs to another process', [{ path: 'fromVersionId', message: 'belongs to another process' }], 'VERSION_OF_OTHER_PROCESS');
      const draft = await this.insertDraft(trx, input.definitionId, version.document, Date.now());
      await this.audit.record(trx, { action: 'process.draft_created', entityType: 'process_version', entityId: draft.id, after: { definitionId: input.definitionId, from: version.id } });
      return draft;
    });
  }

  /** Edits a draft. A published version is refused (VERSION_PUBLISHED): start a new draft. */
  async updateDraft(ctx: Ctx, input: UpdateDraftInput): Promise<ProcessVersion> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const before = await this.loadDraft(trx, input.versionId);
      const changes: Record<string, unknown> = { updated_at: Date.now() };
      if (input.document !== undefined) changes.document = toJson(input.document);
      if (input.notes !== undefined) changes.notes = input.notes;
      await trx.db(T.version).where('id', before.id).update(changes);
      await this.audit.record(trx, { action: 'process.draft_updated', entityType: 'process_version', entityId: before.id, after: { definitionId: before.definitionId } });
      return this.loadVersion(trx, before.id);
    });
  }

  /** Throws a draft away. */
  async discardDraft(ctx: Ctx, versionId: string): Promise<boolean> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const draft = await this.loadDraft(trx, versionId);
      await trx.db(T.version).where('id', draft.id).delete();
      await this.audit.record(trx, { action: 'process.draft_discarded', entityType: 'process_version', entityId: draft.id, before: { definitionId: draft.definitionId } });
      return true;
    });
  }

  /** The problems of a stored version or of a document sent as is (empty: it can be published). */
  async validate(ctx: Ctx, source: DefinitionSource): Promise<ValidationProblem[]> {
    requirePermission(ctx, P.Read);
    const { kind, document } = await this.resolveSource(ctx, source);
    return validateDefinition(document, kind, this.catalog).problems;
  }

  /** Simulates a definition against a sample: the path taken, the steps that would run, the problems. */
  async dryRun(ctx: Ctx, input: DryRunInput): Promise<DryRunResult> {
    requirePermission(ctx, P.Read);
    const { kind, document } = await this.resolveSource(ctx, input);
    return dryRun({ document, kind, catalog: this.catalog, ctx, sample: input.sample ?? {} });
  }

  /** Publishes a draft when it has no problems; it becomes the definition's next numbered, immutable version. */
  async publish(ctx: Ctx, versionId: string, notes?: string | null): Promise<ProcessVersion> {
    const actor = requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const draft = await this.loadDraft(trx, versionId);
      const definition = await this.loadDefinition(trx, draft.definitionId);
      const { document, problems } = validateDefinition(draft.document, definition.kind, this.catalog);
      if (problems.length > 0 || !document) throw invalid(problems);
      const last = (await trx.db(T.version).where('definition_id', definition.id).max({ n: 'number' }).first()) as { n: number | string | null } | undefined;
      const number = Number(last?.n ?? 0) + 1;
      const now = Date.now();
      try {
        const changed = await trx.db(T.version).where({ id: versionId, status: 'draft' }).update({
          status: 'published',
          number,
          document: toJson(document),
          notes: notes === undefined ? draft.notes : notes,
          published_at: now,
          published_by: actor.id,
          updated_at: now,
        });
        if (changed === 0) throw concurrent('published this draft', 'VERSION_PUBLISHED', null);
      } catch (error) {
        if (isUniqueViolation(error)) throw concurrent('published a version of this process', 'PUBLISH_CONFLICT', error);
        throw error;
      }
      await trx.db(T.definition).where('id', definition.id).update({ updated_at: now });
      await this.audit.record(trx, { action: 'process.published', entityType: 'process_version', entityId: versionId, after: { definitionId: definition.id, code: definition.code, number } });
      await this.events.publish(trx, 'process.version_published', { definitionId: definition.id, versionId, kind: definition.kind, code: definition.code, number });
      return this.loadVersion(trx, versionId);
    });
  }

  private async resolveSource(ctx: Ctx, source: DefinitionSource): Promise<{ kind: string; document: unknown }> {
    if (source.versionId) {
      const version = await this.loadVersion(ctx, source.versionId);
      const definition = await this.loadDefinition(ctx, version.definitionId);
      return { kind: definition.kind, document: version.document };
    }
    if (!source.kind || source.document === undefined) {
      throw errors.badInput('Say which version to check, or send a kind and a document', [{ path: 'versionId', message: 'is required without kind and document' }], 'SOURCE_REQUIRED');
    }
    return { kind: source.kind, document: source.document };
  }

  private async insertDraft(ctx: Ctx, definitionId: string, document: unknown, now: number): Promise<ProcessVersion> {
    const row: VersionRow = {
      id: newId('prv'),
      definition_id: definitionId,
      number: null,
      status: 'draft',
      document: toJson(document),
      notes: null,
      created_at: now,
      created_by: ctx.actor?.id ?? null,
      updated_at: now,
      published_at: null,
      published_by: null,
    };
    try {
      await ctx.db(T.version).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw concurrent('started a draft of this process', 'DRAFT_EXISTS', error);
      throw error;
    }
    return toVersion(row);
  }

  private async loadDefinition(ctx: Ctx, id: string): Promise<ProcessDefinition> {
    const row = (await ctx.db(T.definition).where('id', id).first()) as DefinitionRow | undefined;
    if (!row) throw errors.notFound('Process', id);
    return toDefinition(row);
  }

  private async loadVersion(ctx: Ctx, id: string): Promise<ProcessVersion> {
    const row = (await ctx.db(T.version).where('id', id).first()) as VersionRow | undefined;
    if (!row) throw errors.notFound('Process version', id);
    return toVersion(row);
  }

  private async loadDraft(ctx: Ctx, id: string): Promise<ProcessVersion> {
    const version = await this.loadVersion(ctx, id);
    if (version.status !== 'draft') {
      throw new PlazaError('CONFLICT', `Version ${version.number} is published and can no longer change; start a new draft from it`, { reason: 'VERSION_PUBLISHED' });
    }
    return version;
  }
}
