import { describe, expect, it } from 'vitest';
import { validateAttributes } from './attribute-validation.js';
import type { AttributeDefinition } from './catalog.records.js';

function def(code: string, type: AttributeDefinition['type'], extra: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return { id: `att_${code}`, code, label: code, type, options: null, filterable: false, required: false, appliesTo: 'product', createdAt: new Date(0), ...extra };
}

const defs = [
  def('material', 'string'),
  def('weight_kg', 'number'),
  def('organic', 'boolean'),
  def('color', 'enum', { options: ['red', 'blue'] }),
  def('care', 'string_list'),
  def('fit', 'enum', { options: ['slim', 'regular'], appliesTo: 'variant' }),
  def('season', 'string', { required: true }),
];

describe('validateAttributes', () => {
  it('accepts values of the right types and drops nulls', () => {
    const result = validateAttributes(defs, { material: 'cotton', weight_kg: 0.4, organic: true, color: 'red', care: ['wash 30'], season: 'SS25' }, 'product');
    expect(validateAttributes(defs, { season: 'x', material: null }, 'product')).toEqual({ values: { season: 'x' }, fields: [] });
    expect(result.fields).toEqual([]);
    expect(result.values).toEqual({ material: 'cotton', weight_kg: 0.4, organic: true, color: 'red', care: ['wash 30'], season: 'SS25' });
  });

  it('reports unknown codes, wrong types, enum values and missing required ones with paths', () => {
    const result = validateAttributes(defs, { colour: 'red', weight_kg: '3', organic: 'yes', color: 'green', care: [1], fit: 'slim' }, 'product');
    expect(result.fields).toEqual([
      { path: 'attributes.colour', message: 'is not a defined attribute' },
      { path: 'attributes.weight_kg', message: 'must be a number' },
      { path: 'attributes.organic', message: 'must be true or false' },
      { path: 'attributes.color', message: 'must be one of: red, blue' },
      { path: 'attributes.care', message: 'must be a list of strings' },
      { path: 'attributes.fit', message: 'is a variant attribute, not a product attribute' },
      { path: 'attributes.season', message: 'is required' },
    ]);
  });

  it('validates variant attributes under their own path and rejects non-objects', () => {
    expect(validateAttributes(defs, { fit: 'loose' }, 'variant', 'variants.2.attributes').fields).toEqual([
      { path: 'variants.2.attributes.fit', message: 'must be one of: slim, regular' },
    ]);
    expect(validateAttributes(defs, [1], 'variant').fields).toEqual([{ path: 'attributes', message: 'must be an object of attribute values' }]);
    expect(validateAttributes(defs, { weight_kg: Number.NaN, season: 'x' }, 'product').fields.map((f) => f.path)).toEqual(['attributes.weight_kg']);
  });
});
