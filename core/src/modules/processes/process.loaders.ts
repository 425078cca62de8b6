import { permissionScope } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { ProcessTables as T } from './process.migrations.js';
import { ProcessPermission as P } from './process.permissions.js';
import { toBinding, toDefinition, toVersion, type BindingRow, type DefinitionRow, type ProcessBinding, type ProcessDefinition, type ProcessVersion, type VersionRow } from './process.records.js';

// Per-request DataLoaders of the admin API: a list of versions or instances names its
// definitions, versions and bindings in one statement each.

/** Groups rows by a key, in the order of `keys` (DataLoader's contract). */
function groupBy<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string, map: (row: R) => V): V[][] {
  const groups = new Map<string, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(map(row));
  return keys.map((k) => groups.get(k) ?? []);
}

/** A definition by id, batched per request (versions and instances in a list name their definition). */
export function definitionById(ctx: Ctx, id: string): Promise<ProcessDefinition> {
  return ctx.loaders
    .get<string, ProcessDefinition>('processes.definitionById', async (ids) => {
      const rows = (await ctx.db(T.definition).whereIn('id', [...ids])) as DefinitionRow[];
      const byId = new Map(rows.map((r) => [r.id, toDefinition(r)]));
      return ids.map((key) => byId.get(key) ?? errors.notFound('Process', key));
    })
    .load(id);
}

/** A definition's versions, the draft first then published newest first, batched per request. */
export function versionsOfDefinition(ctx: Ctx, definitionId: string): Promise<ProcessVersion[]> {
  return ctx.loaders
    .get<string, ProcessVersion[]>('processes.versionsByDefinition', async (ids) => {
      const rows = (await ctx.db(T.version).whereIn('definition_id', [...ids])) as VersionRow[];
      const rank = (v: ProcessVersion) => v.number ?? Number.MAX_SAFE_INTEGER;
      return groupBy(ids, rows, (r) => r.definition_id, toVersion).map((versions) => versions.sort((a, b) => rank(b) - rank(a)));
    })
    .load(definitionId);
}

/** The bindings of a definition's versions the viewer may see, batched per request. */
export function bindingsOfDefinition(ctx: Ctx, definitionId: string): Promise<ProcessBinding[]> {
  return ctx.loaders
    .get<string, ProcessBinding[]>('processes.bindingsByDefinition', async (ids) => {
      const rows = (await ctx
        .db(`${T.binding} as b`)
        .join(`${T.version} as v`, 'v.id', 'b.version_id')
        .whereIn('v.definition_id', [...ids])
        .orderBy([{ column: 'b.scope' }, { column: 'b.kind' }, { column: 'b.mode' }])
        .select('b.*', 'v.definition_id')) as (BindingRow & { definition_id: string })[];
      const scope = permissionScope(ctx.actor, P.Read);
      const visible = (b: ProcessBinding) => scope.all || scope.unscopedPlatforms || b.platformId === null || scope.platformIds.has(b.platformId);
      return groupBy(ids, rows, (r) => r.definition_id, toBinding).map((bindings) => bindings.filter(visible));
    })
    .load(definitionId);
}
