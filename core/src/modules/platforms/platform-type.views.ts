import { z } from 'zod';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import type { PlatformTypeDefinition } from '../../kernel/plugin.js';

/** A platform type as the admin API shows it, with its settings form. */
export interface PlatformTypeView {
  code: string;
  label: string;
  description: string;
  capabilities: string[];
  /** The plugin that adds the type. */
  plugin: string;
  /** JSON Schema (draft 2020-12) of the settings input; `.describe()` texts are `description`s. */
  settingsSchema: unknown;
}

const formCache = new WeakMap<z.ZodType, unknown>();

/** The JSON Schema of a settings schema as a form renders it (input side: defaults are optional). */
export function settingsForm(schema: z.ZodType): unknown {
  let form = formCache.get(schema);
  if (form === undefined) {
    form = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    formCache.set(schema, form);
  }
  return form;
}

/** One type's view. */
export function toPlatformTypeView(type: PlatformTypeDefinition & { plugin: string }): PlatformTypeView {
  return {
    code: type.code,
    label: type.label,
    description: type.description,
    capabilities: [...type.capabilities],
    plugin: type.plugin,
    settingsSchema: settingsForm(type.settingsSchema),
  };
}

/** Every installed platform type, by code. */
export function listPlatformTypes(registry: PluginRegistry): PlatformTypeView[] {
  return [...registry.platformTypes.values()].sort((a, b) => a.code.localeCompare(b.code)).map(toPlatformTypeView);
}
