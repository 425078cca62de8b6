import type { FieldError } from '../../kernel/errors.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import type { PlatformTypeDefinition } from '../../kernel/plugin.js';
import { toFieldErrors } from './platform.inputs.js';

/** The installed type `code`, or a field error on `type` naming the installed ones. */
export function findPlatformType(registry: PluginRegistry, code: string): { type?: PlatformTypeDefinition; fields: FieldError[] } {
  const type = registry.platformTypes.get(code);
  if (type) return { type, fields: [] };
  const installed = [...registry.platformTypes.keys()].sort().join(', ') || 'none';
  return { fields: [{ path: 'type', message: `unknown platform type "${code}" (installed: ${installed})` }] };
}

/**
 * Validates settings against the type's schema. Returns the parsed settings (defaults
 * applied) or field errors under `settings.` (e.g. `settings.allowedOrigins.0`).
 */
export function validateSettings(type: PlatformTypeDefinition, settings: unknown): { data?: Record<string, unknown>; fields: FieldError[] } {
  if (settings !== null && settings !== undefined && (typeof settings !== 'object' || Array.isArray(settings))) {
    return { fields: [{ path: 'settings', message: 'must be an object of settings' }] };
  }
  const result = type.settingsSchema.safeParse(settings ?? {});
  if (!result.success) return { fields: toFieldErrors(result.error.issues, 'settings') };
  const data = result.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { fields: [{ path: 'settings', message: `the settings schema of type "${type.code}" must produce an object` }] };
  }
  return { data: data as Record<string, unknown>, fields: [] };
}
