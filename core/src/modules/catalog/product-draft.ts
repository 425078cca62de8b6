import type { FieldError } from '../../kernel/errors.js';
import type { TaxCategory } from '../tax/tax-engine.js';
import { validateAttributes } from './attribute-validation.js';
import type { AttributeDefinition, AttributeValues, ProductStatus, VariantStatus } from './catalog.records.js';
import { parseGtin } from './gtin.js';
import { isHttpUrl, isLocale, type productInputSchema, type variantInputSchema } from './product.inputs.js';
import type { z } from 'zod';

/** A variant as it will be written. */
export interface VariantDraft {
  /** The variant's id: kept for existing variants, made for new ones before writing. */
  id: string | null;
  sku: string;
  /** As given until {@link checkDraft}, then 14 digits. */
  gtin: string | null;
  /** Defaults to the option values joined with " / " (or the product title). */
  title: string | null;
  optionValues: Record<string, string>;
  attributes: unknown;
  weightGrams: number | null;
  /** Default `standard`. */
  taxCategory?: TaxCategory;
  status: VariantStatus;
}

/** A whole product as it will be written: its fields and every child list. */
export interface ProductDraft {
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  status: ProductStatus;
  attributes: unknown;
  options: { name: string; values: string[] }[];
  variants: VariantDraft[];
  categoryIds: string[];
  /** Handle paths to resolve into {@link categoryIds}, e.g. "clothing/tops". */
  categoryPaths: string[];
  media: { url: string; alt: string }[];
  translations: { locale: string; title: string; description: string }[];
}

/** A parsed variant input as a draft. */
export function variantDraft(v: z.output<typeof variantInputSchema>): VariantDraft {
  const gtin = v.gtin?.trim() ? v.gtin.trim() : null;
  return {
    id: v.id ?? null,
    sku: v.sku.trim(),
    gtin,
    title: v.title?.trim() ? v.title.trim() : null,
    optionValues: Object.fromEntries(Object.entries(v.optionValues ?? {}).map(([k, val]) => [k.trim(), val.trim()])),
    attributes: v.attributes,
    weightGrams: v.weightGrams ?? null,
    taxCategory: v.taxCategory ?? 'standard',
    status: v.status ?? 'active',
  };
}

/** A parsed product input as a draft. */
export function productDraft(p: z.output<typeof productInputSchema>): ProductDraft {
  return {
    handle: p.handle.trim(),
    title: p.title.trim(),
    description: p.description ?? '',
    brand: p.brand?.trim() ? p.brand.trim() : null,
    status: p.status ?? 'draft',
    attributes: p.attributes,
    options: p.options ?? [],
    variants: (p.variants ?? []).map(variantDraft),
    categoryIds: p.categoryIds ?? [],
    categoryPaths: p.categoryPaths ?? [],
    media: (p.media ?? []).map((m) => ({ url: m.url.trim(), alt: m.alt ?? '' })),
    translations: (p.translations ?? []).map((t) => ({ locale: t.locale.trim(), title: t.title.trim(), description: t.description ?? '' })),
  };
}

const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function maxLength(fields: FieldError[], path: string, value: string | null, max: number): void {
  if (value !== null && value.length > max) fields.push({ path, message: `must be at most ${max} characters` });
}

/** Content rules of the product's own fields, media and translations (canonicalizes locales). */
function checkFormats(draft: ProductDraft, fields: FieldError[]): void {
  draft.handle = draft.handle.trim();
  draft.title = draft.title.trim();
  draft.brand = draft.brand?.trim() ? draft.brand.trim() : null;
  if (!draft.handle) fields.push({ path: 'handle', message: 'is required' });
  else if (!HANDLE.test(draft.handle)) fields.push({ path: 'handle', message: 'must be a lowercase slug like "linen-shirt" (letters, digits and single hyphens)' });
  maxLength(fields, 'handle', draft.handle, 200);
  if (!draft.title) fields.push({ path: 'title', message: 'is required' });
  maxLength(fields, 'title', draft.title, 500);
  maxLength(fields, 'description', draft.description, 100_000);
  maxLength(fields, 'brand', draft.brand, 200);
  draft.options.forEach((o, i) => {
    o.name = o.name.trim();
    o.values = o.values.map((v) => v.trim());
    if (!o.name) fields.push({ path: `options.${i}.name`, message: 'is required' });
    maxLength(fields, `options.${i}.name`, o.name, 100);
    if (o.values.length === 0) fields.push({ path: `options.${i}.values`, message: 'needs at least one value' });
    o.values.forEach((v, j) => {
      if (!v) fields.push({ path: `options.${i}.values.${j}`, message: 'must not be empty' });
      maxLength(fields, `options.${i}.values.${j}`, v, 200);
    });
  });
  draft.media.forEach((m, i) => {
    if (!isHttpUrl(m.url)) fields.push({ path: `media.${i}.url`, message: 'must be an http or https URL' });
    maxLength(fields, `media.${i}.url`, m.url, 2000);
    maxLength(fields, `media.${i}.alt`, m.alt, 500);
  });
  draft.translations.forEach((t, i) => {
    if (isLocale(t.locale)) t.locale = Intl.getCanonicalLocales(t.locale)[0]!;
    else fields.push({ path: `translations.${i}.locale`, message: 'must be a BCP 47 language tag such as es-ES' });
    if (!t.title) fields.push({ path: `translations.${i}.title`, message: 'is required' });
    maxLength(fields, `translations.${i}.title`, t.title, 500);
  });
}

function checkOptions(draft: ProductDraft, fields: FieldError[]): void {
  const names = new Map<string, number>();
  draft.options.forEach((option, i) => {
    const key = option.name.toLowerCase();
    if (names.has(key)) fields.push({ path: `options.${i}.name`, message: `repeats option ${names.get(key)}` });
    else names.set(key, i);
    const seen = new Set<string>();
    option.values.forEach((value, j) => {
      if (seen.has(value)) fields.push({ path: `options.${i}.values.${j}`, message: `repeats "${value}"` });
      seen.add(value);
    });
  });
}

/** Orders a variant's option values like the product's options; reports missing/unknown ones. */
function checkOptionValues(draft: ProductDraft, variant: VariantDraft, path: string, fields: FieldError[]): Record<string, string> {
  const ordered: Record<string, string> = {};
  for (const name of Object.keys(variant.optionValues)) {
    if (!draft.options.some((o) => o.name === name)) fields.push({ path: `${path}.optionValues.${name}`, message: 'is not an option of this product' });
  }
  for (const option of draft.options) {
    const value = variant.optionValues[option.name];
    if (value === undefined || value === '') fields.push({ path: `${path}.optionValues.${option.name}`, message: 'is required (one value per option)' });
    else if (!option.values.includes(value)) fields.push({ path: `${path}.optionValues.${option.name}`, message: `must be one of: ${option.values.join(', ')}` });
    else ordered[option.name] = value;
  }
  return ordered;
}

function checkVariant(draft: ProductDraft, defs: readonly AttributeDefinition[], variant: VariantDraft, i: number, fields: FieldError[]): void {
  const path = `variants.${i}`;
  if (!variant.sku) fields.push({ path: `${path}.sku`, message: 'is required' });
  else if (!/^\S+$/.test(variant.sku)) fields.push({ path: `${path}.sku`, message: 'must not contain spaces' });
  maxLength(fields, `${path}.sku`, variant.sku, 100);
  maxLength(fields, `${path}.title`, variant.title, 500);
  if (variant.gtin !== null) {
    const gtin = parseGtin(variant.gtin);
    if (gtin.ok) variant.gtin = gtin.gtin14;
    else fields.push({ path: `${path}.gtin`, message: gtin.message });
  }
  variant.optionValues = checkOptionValues(draft, variant, path, fields);
  const attributes = validateAttributes(defs, variant.attributes, 'variant', `${path}.attributes`);
  fields.push(...attributes.fields);
  variant.attributes = attributes.values;
  if (!variant.title) variant.title = Object.values(variant.optionValues).join(' / ') || draft.title;
}

function checkUniqueWithin(draft: ProductDraft, fields: FieldError[]): void {
  const skus = new Map<string, number>();
  const gtins = new Map<string, number>();
  const combos = new Map<string, number>();
  draft.variants.forEach((v, i) => {
    const sku = v.sku.toLowerCase();
    if (skus.has(sku)) fields.push({ path: `variants.${i}.sku`, message: `repeats the SKU of variant ${skus.get(sku)}` });
    else skus.set(sku, i);
    if (v.gtin && /^\d{14}$/.test(v.gtin)) {
      if (gtins.has(v.gtin)) fields.push({ path: `variants.${i}.gtin`, message: `repeats the GTIN of variant ${gtins.get(v.gtin)}` });
      else gtins.set(v.gtin, i);
    }
    if (Object.keys(v.optionValues).length === draft.options.length) {
      const combo = JSON.stringify(draft.options.map((o) => v.optionValues[o.name]));
      if (combos.has(combo)) fields.push({ path: `variants.${i}.optionValues`, message: `has the same option values as variant ${combos.get(combo)}` });
      else combos.set(combo, i);
    }
  });
}

/**
 * Checks a whole product draft and normalizes it in place (GTINs to 14 digits, option values
 * in option order, variant titles, cleaned attributes): options, one value per option for each
 * variant, no two variants with the same combination, SKUs and GTINs unique within the
 * product, custom attributes against their definitions, one translation per locale. Returns
 * every problem as a field error; database checks (categories, uniqueness across products)
 * come after.
 */
export function checkDraft(draft: ProductDraft, defs: readonly AttributeDefinition[]): FieldError[] {
  const fields: FieldError[] = [];
  checkFormats(draft, fields);
  checkOptions(draft, fields);
  const attributes = validateAttributes(defs, draft.attributes, 'product');
  fields.push(...attributes.fields);
  draft.attributes = attributes.values as AttributeValues;
  draft.variants.forEach((v, i) => checkVariant(draft, defs, v, i, fields));
  checkUniqueWithin(draft, fields);
  const locales = new Set<string>();
  draft.translations.forEach((t, i) => {
    if (locales.has(t.locale)) fields.push({ path: `translations.${i}.locale`, message: `repeats ${t.locale}` });
    locales.add(t.locale);
  });
  return fields;
}
