import { inject, injectable } from 'tsyringe';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import type { PluginScope } from '../../kernel/plugin.js';
import type { AnyStepType, ProcessKindDefinition } from '../../kernel/process-contributions.js';
import { Tokens } from '../../kernel/tokens.js';

/** What validation and dry runs need to know about the installed plugins. */
export interface ProcessCatalogView {
  kind(code: string): ProcessKindDefinition | undefined;
  stepType(code: string): AnyStepType | undefined;
  permissionKnown(code: string): boolean;
  eventKnown(name: string): boolean;
}

/**
 * The process kinds and step types every installed plugin contributes (through the manifest's
 * `processKinds` and `stepTypes`), with the permissions and events definitions may name.
 */
@injectable()
export class ProcessCatalog implements ProcessCatalogView {
  constructor(@inject(Tokens.Plugins) private readonly registry: PluginRegistry) {}

  kind(code: string): ProcessKindDefinition | undefined {
    return this.registry.processKinds.get(code);
  }

  /** Every kind, sorted by code, with the plugin that adds it. */
  kinds(): (ProcessKindDefinition & { plugin: string })[] {
    return [...this.registry.processKinds.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Does the kind know this mode (`default` always)? */
  modeKnown(kind: ProcessKindDefinition, mode: string): boolean {
    return mode === 'default' || (kind.modes ?? []).some((m) => m.code === mode);
  }

  stepType(code: string): AnyStepType | undefined {
    return this.registry.stepTypes.get(code)?.step;
  }

  /** Every step type, sorted by code, with the plugin that adds it. */
  stepTypes(): { step: AnyStepType; plugin: string }[] {
    return [...this.registry.stepTypes.values()]
      .map(({ step, plugin }) => ({ step, plugin: plugin.manifest.name }))
      .sort((a, b) => a.step.code.localeCompare(b.step.code));
  }

  /** The scope of the plugin that contributes a step type (what its run receives). */
  stepScope(code: string): PluginScope<unknown> | undefined {
    return this.registry.stepTypes.get(code)?.plugin.scope;
  }

  permissionKnown(code: string): boolean {
    return this.registry.permissions.has(code);
  }

  eventKnown(name: string): boolean {
    return this.registry.events.has(name);
  }
}
