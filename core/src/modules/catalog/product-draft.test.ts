import { describe, expect, it } from 'vitest';
import { checkDraft, type ProductDraft } from './product-draft.js';

function draft(overrides: Partial<ProductDraft> = {}): ProductDraft {
  return {
    handle: 'linen-shirt',
    title: 'Linen shirt',
    description: '',
    brand: null,
    status: 'draft',
    attributes: {},
    options: [
      { name: 'Size', values: ['S', 'M'] },
      { name: 'Colour', values: ['Red'] },
    ],
    variants: [
      { id: null, sku: 'LS-S', gtin: '6291041500213', title: null, optionValues: { Colour: 'Red', Size: 'S' }, attributes: {}, weightGrams: null, status: 'active' },
      { id: null, sku: 'LS-M', gtin: null, title: 'Medium', optionValues: { Size: 'M', Colour: 'Red' }, attributes: {}, weightGrams: null, status: 'active' },
    ],
    categoryIds: [],
    categoryPaths: [],
    media: [],
    translations: [],
    ...overrides,
  };
}

describe('checkDraft', () => {
  it('normalizes a valid draft: 14-digit GTINs, option order, default titles, canonical locales', () => {
    const d = draft({ translations: [{ locale: 'es-es', title: 'Camisa', description: '' }] });
    expect(checkDraft(d, [])).toEqual([]);
    expect(d.variants[0]).toMatchObject({ gtin: '06291041500213', title: 'S / Red' });
    expect(Object.keys(d.variants[0]!.optionValues)).toEqual(['Size', 'Colour']);
    expect(d.variants[1]!.title).toBe('Medium');
    expect(d.translations[0]!.locale).toBe('es-ES');
  });

  it('refuses repeated options and values, missing or foreign option values, and duplicate combinations', () => {
    const d = draft({
      options: [
        { name: 'Size', values: ['S', 'S'] },
        { name: 'size', values: ['M'] },
      ],
    });
    d.variants[1]!.optionValues = { Size: 'S', Fit: 'Slim' };
    const paths = checkDraft(d, []).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['options.0.values.1', 'options.1.name', 'variants.0.optionValues.size', 'variants.1.optionValues.Fit']));
  });

  it('refuses two variants with the same combination, and a second variant without options', () => {
    const same = draft();
    same.variants[1]!.optionValues = { Size: 'S', Colour: 'Red' };
    expect(checkDraft(same, [])).toEqual([{ path: 'variants.1.optionValues', message: 'has the same option values as variant 0' }]);
    const noOptions = draft({ options: [] });
    noOptions.variants.forEach((v) => (v.optionValues = {}));
    expect(checkDraft(noOptions, []).map((f) => f.path)).toEqual(['variants.1.optionValues']);
  });

  it('refuses repeated SKUs (any case) and GTINs, spaces in SKUs, bad URLs and slugs', () => {
    const d = draft({ handle: 'Linen Shirt', media: [{ url: 'javascript:alert(1)', alt: '' }] });
    d.variants[1]!.sku = 'ls-s';
    d.variants[1]!.gtin = '06291041500213';
    const fields = checkDraft(d, []);
    expect(fields.map((f) => f.path).sort()).toEqual(['handle', 'media.0.url', 'variants.1.gtin', 'variants.1.sku']);
    const spaced = draft();
    spaced.variants[0]!.sku = 'LS S';
    expect(checkDraft(spaced, [])).toEqual([{ path: 'variants.0.sku', message: 'must not contain spaces' }]);
  });
});
