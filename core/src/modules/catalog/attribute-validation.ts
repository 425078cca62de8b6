import type { FieldError } from '../../kernel/errors.js';
import type { AttributeDefinition, AttributeTarget, AttributeValues } from './catalog.records.js';

/** Longest string value of a custom attribute. */
export const MAX_ATTRIBUTE_STRING = 2000;

function checkValue(def: AttributeDefinition, value: unknown): string | null {
  switch (def.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return value.length > MAX_ATTRIBUTE_STRING ? `must be at most ${MAX_ATTRIBUTE_STRING} characters` : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'enum':
      if (typeof value !== 'string') return 'must be a string';
      return (def.options ?? []).includes(value) ? null : `must be one of: ${(def.options ?? []).join(', ')}`;
    case 'string_list':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return 'must be a list of strings';
      return value.some((v: string) => v.length > MAX_ATTRIBUTE_STRING) ? `items must be at most ${MAX_ATTRIBUTE_STRING} characters` : null;
    default:
      return 'has an unknown type';
  }
}

/**
 * Validates custom attribute values against the definitions for `target` (product or
 * variant): unknown codes, wrong types, enum values outside the options and missing required
 * attributes are field errors under `path` (e.g. `attributes.color`, `variants.0.attributes.size`).
 * A null value removes the attribute. Returns the cleaned values and every problem.
 */
export function validateAttributes(
  definitions: readonly AttributeDefinition[],
  input: unknown,
  target: AttributeTarget,
  path = 'attributes',
): { values: AttributeValues; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const values: AttributeValues = {};
  if (input === null || input === undefined) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { values, fields: [{ path, message: 'must be an object of attribute values' }] };
  }
  const byCode = new Map(definitions.filter((d) => d.appliesTo === target).map((d) => [d.code, d]));
  for (const [code, value] of Object.entries(input as Record<string, unknown>)) {
    const def = byCode.get(code);
    if (!def) {
      const other = definitions.find((d) => d.code === code);
      fields.push({ path: `${path}.${code}`, message: other ? `is a ${other.appliesTo} attribute, not a ${target} attribute` : 'is not a defined attribute' });
      continue;
    }
    if (value === null) continue;
    const problem = checkValue(def, value);
    if (problem) fields.push({ path: `${path}.${code}`, message: problem });
    else values[code] = value;
  }
  for (const def of byCode.values()) {
    if (def.required && (values[def.code] === undefined) && !fields.some((f) => f.path === `${path}.${def.code}`)) {
      fields.push({ path: `${path}.${def.code}`, message: 'is required' });
    }
  }
  return { values, fields };
}
