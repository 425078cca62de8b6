import { injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { ProcessTables as T } from './process.migrations.js';
import { processDocumentSchema, type ProcessDocument } from './process-document.js';
import { toVersion, type ProcessVersion, type VersionRow } from './process.records.js';

/** A published version with its parsed document (defaults applied). */
export interface PublishedVersion {
  version: ProcessVersion;
  document: ProcessDocument;
}

const LIMIT = 500;

/**
 * Published versions by id. A published version never changes, so it is read once per process
 * and kept (the most recently used {@link LIMIT}); a transition costs no query for its definition.
 */
@injectable()
export class VersionStore {
  private readonly cache = new Map<string, PublishedVersion>();

  /** The published version `id`; NOT_FOUND when there is none (drafts are not served here). */
  async published(ctx: Ctx, id: string): Promise<PublishedVersion> {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const row = (await ctx.db(T.version).where({ id, status: 'published' }).first()) as VersionRow | undefined;
    if (!row) throw errors.notFound('Published process version', id);
    const version = toVersion(row);
    const entry = { version, document: processDocumentSchema.parse(version.document) };
    this.cache.set(id, entry);
    if (this.cache.size > LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}
