import type { FieldError } from '../../kernel/errors.js';
import { errors } from '../../kernel/errors.js';
import type { AttributeTarget, AttributeType } from '../catalog/catalog.records.js';

/** One attribute condition: the product (or one of its variants) has one of `values` for `code`. */
export interface SearchAttributeFilter {
  code: string;
  values: string[];
}

/** The filters of `searchProducts`, as GraphQL passes them. */
export interface SearchFilterInput {
  /** The category and its whole subtree. */
  categoryId?: string | null;
  collectionId?: string | null;
  /** Any of these brands. */
  brands?: string[] | null;
  /** Price bounds in minor units on the platform's price list (inclusive). */
  priceMin?: number | null;
  priceMax?: number | null;
  /** true: only products available on the platform (after safety stock); false: only those that are not. */
  inStock?: boolean | null;
  /** Every condition must hold; within one, any of the values. */
  attributes?: SearchAttributeFilter[] | null;
}

/** An attribute definition as search needs it. */
export interface SearchAttributeDefinition {
  code: string;
  label: string;
  type: AttributeType;
  appliesTo: AttributeTarget;
  filterable: boolean;
}

/** A filter on one attribute, with its definition and the values as the JSON they are stored as. */
export interface ResolvedAttributeFilter {
  definition: SearchAttributeDefinition;
  /** JSON texts of the accepted values (`"red"`, `42`, `true`); for string lists, the plain strings. */
  values: string[];
}

/** The validated filters. */
export interface SearchFilter {
  categoryId: string | null;
  collectionId: string | null;
  brands: string[] | null;
  priceMin: number | null;
  priceMax: number | null;
  inStock: boolean | null;
  attributes: ResolvedAttributeFilter[];
}

/** Most attribute conditions and values per condition accepted. */
const MAX_ATTRIBUTE_FILTERS = 20;
const MAX_VALUES = 50;

function isMoney(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A value typed by its attribute as the JSON it is stored as; null when it cannot be one. */
function storedForm(def: SearchAttributeDefinition, value: string): string | null {
  switch (def.type) {
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? JSON.stringify(n) : null;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? value : null;
    case 'string_list':
      return value;
    default:
      return JSON.stringify(value);
  }
}

function resolveAttributes(input: SearchAttributeFilter[], definitions: ReadonlyMap<string, SearchAttributeDefinition>, fields: FieldError[]): ResolvedAttributeFilter[] {
  if (input.length > MAX_ATTRIBUTE_FILTERS) fields.push({ path: 'filter.attributes', message: `at most ${MAX_ATTRIBUTE_FILTERS} conditions` });
  const resolved: ResolvedAttributeFilter[] = [];
  input.slice(0, MAX_ATTRIBUTE_FILTERS).forEach((condition, i) => {
    const path = `filter.attributes.${i}`;
    const definition = definitions.get(condition.code);
    if (!definition) {
      fields.push({ path: `${path}.code`, message: `"${condition.code}" is not a defined attribute` });
      return;
    }
    if (!definition.filterable) {
      fields.push({ path: `${path}.code`, message: `"${condition.code}" is not a filterable attribute` });
      return;
    }
    if (condition.values.length === 0 || condition.values.length > MAX_VALUES) {
      fields.push({ path: `${path}.values`, message: `give 1 to ${MAX_VALUES} values` });
      return;
    }
    const values: string[] = [];
    condition.values.forEach((value, j) => {
      const stored = storedForm(definition, value);
      if (stored === null) fields.push({ path: `${path}.values.${j}`, message: `is not a ${definition.type} value` });
      else values.push(stored);
    });
    resolved.push({ definition, values });
  });
  return resolved;
}

/**
 * Checks the filters: price bounds are non-negative whole minor units with min ≤ max; every
 * attribute code is a defined, filterable attribute and its values fit its type.
 * BAD_USER_INPUT with one field error per problem.
 */
export function validateSearchFilter(input: SearchFilterInput | null | undefined, definitions: ReadonlyMap<string, SearchAttributeDefinition>): SearchFilter {
  const f = input ?? {};
  const fields: FieldError[] = [];
  const priceMin = f.priceMin ?? null;
  const priceMax = f.priceMax ?? null;
  if (priceMin !== null && !isMoney(priceMin)) fields.push({ path: 'filter.priceMin', message: 'must be a whole amount in minor units, 0 or more' });
  if (priceMax !== null && !isMoney(priceMax)) fields.push({ path: 'filter.priceMax', message: 'must be a whole amount in minor units, 0 or more' });
  if (priceMin !== null && priceMax !== null && priceMin > priceMax) fields.push({ path: 'filter.priceMin', message: 'must not be greater than priceMax' });
  const brands = f.brands && f.brands.length > 0 ? f.brands : null;
  if (brands && brands.length > MAX_VALUES) fields.push({ path: 'filter.brands', message: `at most ${MAX_VALUES} brands` });
  const attributes = resolveAttributes(f.attributes ?? [], definitions, fields);
  if (fields.length > 0) throw errors.badInput('The search filter is not valid', fields, 'SEARCH_FILTER_INVALID');
  return {
    categoryId: f.categoryId ?? null,
    collectionId: f.collectionId ?? null,
    brands,
    priceMin,
    priceMax,
    inStock: f.inStock ?? null,
    attributes,
  };
}

/** Does the input use attributes (so their definitions must be loaded)? */
export function needsAttributeDefinitions(input: SearchFilterInput | null | undefined): boolean {
  return (input?.attributes?.length ?? 0) > 0;
}
