import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { createPlatformInput, invalidInput, parseFields, updatePlatformInput, type CreatePlatformInput, type UpdatePlatformInput } from './platform.inputs.js';
import type { Platform } from './platform.records.js';
import { findPlatformType, validateSettings } from './platform-settings.js';

/** A valid new platform's fields. */
export interface NewPlatform {
  code: string;
  name: string;
  type: string;
  currency: string;
  locale: string;
  settings: Record<string, unknown>;
}

/** The fields an update really changes. */
export type PlatformChanges = Partial<Pick<Platform, 'code' | 'name' | 'currency' | 'locale' | 'settings'>>;

/** JSON with object keys sorted (jsonb does not keep key order), for comparing settings. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function rawField(input: unknown, key: string): unknown {
  return input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
}

/**
 * Validates a create input: every field, the type (installed?) and the settings against the
 * type's schema. BAD_USER_INPUT with every field problem at once.
 */
export function validateCreate(registry: PluginRegistry, input: CreatePlatformInput): NewPlatform {
  const { data, fields } = parseFields(createPlatformInput, input);
  const typeCode = rawField(input, 'type');
  let settings: Record<string, unknown> | undefined;
  if (typeof typeCode === 'string' && typeCode.trim() !== '') {
    const found = findPlatformType(registry, typeCode.trim());
    fields.push(...found.fields);
    if (found.type && !fields.some((f) => f.path === 'settings')) {
      const checked = validateSettings(found.type, rawField(input, 'settings'));
      fields.push(...checked.fields);
      settings = checked.data;
    }
  }
  if (fields.length > 0 || !data || !settings) throw invalidInput(fields);
  return { code: data.code, name: data.name, type: data.type, currency: data.currency, locale: data.locale, settings };
}

/**
 * Validates an update of `before`; returns only the fields whose value changes. Settings can
 * only be changed while the platform's type is installed (its schema validates them).
 */
export function validateUpdate(registry: PluginRegistry, before: Platform, input: UpdatePlatformInput): PlatformChanges {
  const { data, fields } = parseFields(updatePlatformInput, input);
  const rawSettings = rawField(input, 'settings');
  let settings: Record<string, unknown> | undefined;
  if (rawSettings !== undefined && rawSettings !== null && !fields.some((f) => f.path === 'settings')) {
    const type = registry.platformTypes.get(before.type);
    if (!type) {
      fields.push({ path: 'settings', message: `cannot be changed: the platform type "${before.type}" is not installed` });
    } else {
      const checked = validateSettings(type, rawSettings);
      fields.push(...checked.fields);
      settings = checked.data;
    }
  }
  if (fields.length > 0 || !data) throw invalidInput(fields);
  const changes: PlatformChanges = {};
  for (const key of ['code', 'name', 'currency', 'locale'] as const) {
    const value = data[key];
    if (value !== null && value !== undefined && value !== before[key]) changes[key] = value;
  }
  if (settings && stableJson(settings) !== stableJson(before.settings)) changes.settings = settings;
  return changes;
}
