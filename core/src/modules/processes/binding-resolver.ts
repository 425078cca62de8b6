import { injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { ProcessTables as T } from './process.migrations.js';
import { DEFAULT_SCOPE, type BindingRow } from './process.records.js';

const TTL_MS = 30_000;

function key(scope: string, kind: string, mode: string): string {
  return `${scope}\u0000${kind}\u0000${mode}`;
}

/**
 * Which version a new instance gets: the platform's binding for the kind and mode, else its
 * binding for the kind's `default` mode, else the default binding for the mode, else the
 * default binding for `default`. All bindings are held in memory (a small table), dropped after
 * every committed binding change and after {@link TTL_MS} (other instances' changes).
 */
@injectable()
export class BindingResolver {
  private snapshot: { at: number; byKey: Map<string, string> } | null = null;

  /** The version id a new instance of `kind`/`mode` on `platformId` starts with, or null. */
  async resolve(ctx: Ctx, platformId: string | null, kind: string, mode: string): Promise<string | null> {
    const byKey = await this.load(ctx);
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
    this.snapshot = null;
  }

  private async load(ctx: Ctx): Promise<Map<string, string>> {
    const now = Date.now();
    if (this.snapshot && now - this.snapshot.at < TTL_MS) return this.snapshot.byKey;
    const rows = (await ctx.db(T.binding).select('scope', 'kind', 'mode', 'version_id')) as Pick<BindingRow, 'scope' | 'kind' | 'mode' | 'version_id'>[];
    const byKey = new Map(rows.map((r) => [key(r.scope, r.kind, r.mode), r.version_id]));
    // Binding writes never resolve in their own transaction, so what is read here is committed.
    this.snapshot = { at: now, byKey };
    return byKey;
  }
}
