import type { Ctx } from '../../kernel/context.js';
import type { PluginScope } from '../../kernel/plugin.js';
import { shippedProcesses } from './default-processes.js';
import { ProcessBindingService } from './process-binding.service.js';
import { ProcessDefinitionService } from './process-definition.service.js';
import { ProcessTables as T } from './process.migrations.js';

/**
 * Installs the shipped processes that are not there yet: a definition, its first published
 * version, and the default bindings of its modes (unless staff bound something else already).
 */
export async function seedShippedProcesses(ctx: Ctx, scope: PluginScope<unknown>): Promise<void> {
  const definitions = scope.container.resolve(ProcessDefinitionService);
  const bindings = scope.container.resolve(ProcessBindingService);
  for (const shipped of shippedProcesses) {
    if (await ctx.db(T.definition).where('code', shipped.code).first('id')) continue;
    const { draft } = await definitions.create(ctx, { kind: shipped.kind, code: shipped.code, name: shipped.name, description: shipped.description, document: shipped.document });
    const version = await definitions.publish(ctx, draft.id, 'Shipped with Plaza');
    for (const mode of shipped.modes) {
      if (await ctx.db(T.binding).where({ scope: 'default', kind: shipped.kind, mode }).first('id')) continue;
      await bindings.bind(ctx, { platformId: null, kind: shipped.kind, mode, versionId: version.id });
    }
  }
}
