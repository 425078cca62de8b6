import type { PluginManifest } from './plugin.js';

/** The name under which the kernel itself is known; every plugin may require it. */
export const CORE_PLUGIN_NAME = '@plaza/core';

/**
 * Orders plugins so each comes after everything it `requires`, keeping the declared order
 * otherwise. Returns the order and the problems (missing requirements, cycles) found.
 */
export function orderPlugins(plugins: readonly PluginManifest[]): { ordered: PluginManifest[]; problems: string[] } {
  const byName = new Map(plugins.map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const plugin of plugins) {
    for (const required of plugin.requires ?? []) {
      if (!byName.has(required)) {
        problems.push(`plugin "${plugin.name}" requires "${required}", which is not installed (add it to plugins in plaza.config)`);
      }
    }
  }
  const ordered: PluginManifest[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reportedCycles = new Set<string>();
  const visit = (plugin: PluginManifest, trail: string[]): void => {
    const seen = state.get(plugin.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(plugin.name)), plugin.name];
      const key = [...new Set(cycle)].sort().join(',');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        problems.push(`plugins require each other in a cycle: ${cycle.map((n) => `"${n}"`).join(' → ')}`);
      }
      return;
    }
    state.set(plugin.name, 'visiting');
    for (const required of plugin.requires ?? []) {
      const dependency = byName.get(required);
      if (dependency) visit(dependency, [...trail, plugin.name]);
    }
    state.set(plugin.name, 'done');
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return { ordered, problems };
}
