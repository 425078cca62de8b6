import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import { PlazaError } from './errors.js';
import type { PluginEntry, PluginManifest, PluginScope } from './plugin.js';
import { orderPlugins } from './plugin-order.js';
import { checkCrossPluginNames, checkManifestShape, parsePluginConfig } from './plugin-validation.js';
import { PluginRegistry, type LoadedPlugin } from './plugin-registry.js';

/** A plugin that passed validation, with its parsed config, not yet registered. */
export interface ValidatedPlugin {
  manifest: PluginManifest;
  config: unknown;
}

/**
 * Validates every plugin entry and orders them by `requires`. All problems — bad shape,
 * duplicate names, bad options, missing or cyclic requirements, unknown events, duplicate
 * job/event/permission names, invalid cron — are reported together in one PLUGIN_INVALID
 * error that names each plugin.
 */
export function validatePlugins(entries: readonly PluginEntry[]): ValidatedPlugin[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const valid: PluginEntry[] = [];
  entries.forEach((entry, index) => {
    const label = typeof entry.plugin?.name === 'string' ? `plugin "${entry.plugin.name}"` : `plugin #${index + 1}`;
    const shape = checkManifestShape(entry.plugin);
    if (shape.length > 0) {
      problems.push(...shape.map((p) => `${label}: ${p}`));
      return;
    }
    if (seen.has(entry.plugin.name)) {
      problems.push(`${label} is installed twice (plugin names must be unique)`);
      return;
    }
    seen.add(entry.plugin.name);
    valid.push(entry);
  });
  const configs = new Map<string, unknown>();
  for (const entry of valid) {
    const { value, problems: configProblems } = parsePluginConfig(entry);
    problems.push(...configProblems.map((p) => `plugin "${entry.plugin.name}": ${p}`));
    configs.set(entry.plugin.name, value);
  }
  const { ordered, problems: orderProblems } = orderPlugins(valid.map((e) => e.plugin));
  problems.push(...orderProblems, ...checkCrossPluginNames(ordered));
  if (problems.length > 0) {
    throw new PlazaError('PLUGIN_INVALID', `Plaza cannot boot; fix these plugin problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      details: { problems },
    });
  }
  return ordered.map((manifest) => ({ manifest, config: configs.get(manifest.name) }));
}

/**
 * Gives each plugin a child container of `root`, runs its `register` in boot order and
 * publishes its `exports` to the root so later plugins can resolve them.
 */
export async function registerPlugins(root: DependencyContainer, plugins: readonly ValidatedPlugin[], logger: Logger): Promise<PluginRegistry> {
  const loaded: LoadedPlugin[] = [];
  for (const { manifest, config } of plugins) {
    const container = root.createChildContainer();
    const scope: PluginScope<unknown> = Object.freeze({
      name: manifest.name,
      version: manifest.version,
      container,
      config,
      logger: logger.child({ plugin: manifest.name }),
    });
    try {
      await manifest.register?.(scope as PluginScope<never>);
    } catch (error) {
      throw new PlazaError('PLUGIN_INVALID', `plugin "${manifest.name}" failed to register: ${(error as Error).message}`, { cause: error });
    }
    for (const token of manifest.exports ?? []) {
      if (!container.isRegistered(token)) {
        throw new PlazaError('PLUGIN_INVALID', `plugin "${manifest.name}" exports ${String(token)} but its register() does not bind it`);
      }
      root.register(token, { useFactory: () => container.resolve(token) });
    }
    loaded.push({ manifest, scope });
  }
  return new PluginRegistry(loaded);
}
