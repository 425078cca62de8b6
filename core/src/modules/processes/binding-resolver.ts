import { injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { SnapshotCache } from '../../db/snapshot-cache.js';
import { ProcessTables as T } from './process.migrations.js';
import { DEFAULT_SCOPE, type BindingRow } from './process.records.js';

function key(scope: string, kind: string, mode: string): string {
  return `${scope}\u0000${kind}\u0000${mode}`;
}

/**
 * Which version a new instance gets: the platform's binding for the kind and mode, else its
 * binding for the kind's `default` mode, else the default binding for the mode, else the
 * default binding for `default`. All bindings are held in memory (a small table), dropped after
 * every committed binding change and after 30 s (other instances' changes).
 */
@injectable()
export class BindingResolver {
  private readonly cache = new SnapshotCache<Map<string, string>>(async (ctx) => {
    const rows = (await ctx.db(T.binding).select('scope', 'kind', 'mode', 'version_id')) as Pick<BindingRow, 'scope' | 'kind' | 'mode' | 'version_id'>[];
    return new Map(rows.map((r) => [key(r.scope, r.kind, r.mode), r.version_id]));
    // Bindings are only written by their own transactions, never by one that starts instances.
  }, { readThroughInTransactions: false });

  /** The version id a new instance of `kind`/`mode` on `platformId` starts with, or null. */
  async resolve(ctx: Ctx, platformId: string | null, kind: string, mode: string): Promise<string | null> {
    const byKey = await this.cache.get(ctx);
    const scopes = platformId ? [platformId, DEFAULT_SCOPE] : [DEFAULT_SCOPE];
    for (const scope of scopes) {
      for (const m of mode === 'default' ? ['default'] : [mode, 'default']) {
        const versionId = byKey.get(key(scope, kind, m));
        if (versionId) return versionId;
      }
    }
    return null;
  }

  /** Forget the snapshot (after a binding change commits). */
  forget(): void {
    this.cache.invalidate();
  }
}
