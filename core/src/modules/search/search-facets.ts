import type { Knex } from 'knex';
import type { Dialect } from '../../db/database.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import { attributeElements, attributeJsonText } from './search-json.js';
import { candidates, EFFECTIVE_PRICE, inStockCondition, joinApplicablePrices, joinVariants } from './search-conditions.js';
import type { SearchAttributeDefinition } from './search-filter.js';
import type { FilterKey, SearchPlan } from './search-plan.js';

type Db = Knex;

/** Most values returned per facet (the most frequent first). */
export const FACET_LIMIT = 50;

/**
 * Most matching products facet counts look at, per facet. Counting stays bounded however
 * broad the search (an empty query on a large catalog); `exhaustive` says when there were
 * more and the counts are of the first ones only.
 */
export const FACET_SCAN_LIMIT = 1_000;

/** Which facets to compute (only what the request selects). */
export interface FacetRequest {
  categories: boolean;
  brands: boolean;
  attributes: boolean;
  priceRanges: boolean;
  inStock: boolean;
}

/** A value of a facet with how many matching products have it. */
export interface FacetValue {
  value: string;
  count: number;
}

/** Facet counts of a search; each respects every filter except its own. */
export interface SearchFacets {
  categories: { id: string; name: string; count: number }[];
  brands: FacetValue[];
  attributes: { code: string; label: string; values: FacetValue[] }[];
  /** Buckets of the products' lowest price, [min, max) in minor units (max null: no upper bound). */
  priceRanges: { min: number; max: number | null; count: number }[];
  inStock: { count: number };
  /** False when more than {@link FACET_SCAN_LIMIT} products match: counts then cover the first ones. */
  exhaustive: boolean;
}

/** One row of the facet statement. */
interface FacetRow {
  facet: string;
  k: string | number | null;
  label: string | null;
  n: number | string;
}

/** Bucket edges in major units; scaled by the currency's minor-unit exponent. */
const PRICE_EDGES = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** The bucket edges in minor units for a currency with `exponent` decimals. */
export function priceEdges(exponent: number): number[] {
  return PRICE_EDGES.map((e) => e * 10 ** exponent);
}

function part(db: Db, facet: string, query: Knex.QueryBuilder, key: string | Knex.Raw, label: string | Knex.Raw | null, count = 'count(*)'): Knex.QueryBuilder {
  // Every part's key is text, so that the UNION ALL types match on PostgreSQL.
  const k = db.raw(`cast(${typeof key === 'string' ? key : key.toQuery()} as text) as k`);
  const l = label === null ? db.raw('null as label') : typeof label === 'string' ? db.raw(`${label} as label`) : db.raw(`(${label.toQuery()}) as label`);
  return query.select(db.raw('? as facet', [facet]), k, l, db.raw(`${count} as n`));
}

/** The CTE of the (bounded) candidate ids every facet whose own filter is not set shares. */
const BASE = 'search_facet_base';

/** Is the filter a facet leaves out actually set? (If not, the facet counts the shared base.) */
function isActive(plan: SearchPlan, key: FilterKey): boolean {
  const f = plan.filter;
  if (key === 'category') return f.categoryId !== null;
  if (key === 'collection') return f.collectionId !== null;
  if (key === 'brands') return f.brands !== null;
  if (key === 'price') return f.priceMin !== null || f.priceMax !== null;
  if (key === 'inStock') return f.inStock !== null;
  return f.attributes.some((a) => `attribute:${a.definition.code}` === key);
}

/** The bounded candidate ids (every filter), one more than the limit to tell whether counts are exhaustive. */
function baseIds(db: Db, dialect: Dialect, plan: SearchPlan): Knex.QueryBuilder {
  return candidates(db, dialect, plan).select('p.id as fid').limit(FACET_SCAN_LIMIT + 1);
}

/**
 * The candidates for a facet that leaves out `omit`, as `p`, at most {@link FACET_SCAN_LIMIT}
 * (+1) of them: the shared base when `omit` is not set, else its own bounded id list. The
 * limit applies to the ids first, so each facet reads a bounded number of products.
 */
function sampled(db: Db, dialect: Dialect, plan: SearchPlan, omit: FilterKey): Knex.QueryBuilder {
  const query = isActive(plan, omit) ? db.from(candidates(db, dialect, plan, omit).select('p.id as fid').limit(FACET_SCAN_LIMIT + 1).as('fb')) : db.from(`${BASE} as fb`);
  if (dialect === 'sqlite') return query.crossJoin(db.raw('?? as p', [C.product])).whereRaw('p.id = fb.fid');
  return query.join(`${C.product} as p`, 'p.id', 'fb.fid');
}

/** Counts the shared base (to tell whether the counts are exhaustive). */
function samplePart(db: Db): Knex.QueryBuilder {
  return part(db, 'sample', db.from(BASE), 'null', null);
}

function categoryPart(db: Db, dialect: Dialect, plan: SearchPlan): Knex.QueryBuilder {
  const q = sampled(db, dialect, plan, 'category').join(`${C.productCategory} as fc`, 'fc.product_id', 'p.id').join(`${C.category} as c`, 'c.id', 'fc.category_id');
  return part(db, 'category', q, 'c.id', 'c.name').groupBy('c.id', 'c.name').orderByRaw('n desc, c.name').limit(FACET_LIMIT);
}

function brandPart(db: Db, dialect: Dialect, plan: SearchPlan): Knex.QueryBuilder {
  const q = sampled(db, dialect, plan, 'brands').whereNotNull('p.brand').whereNot('p.brand', '');
  return part(db, 'brand', q, 'p.brand', null).groupBy('p.brand').orderByRaw('n desc, p.brand').limit(FACET_LIMIT);
}

function attributePart(db: Db, dialect: Dialect, plan: SearchPlan, def: SearchAttributeDefinition): Knex.QueryBuilder {
  const q = sampled(db, dialect, plan, `attribute:${def.code}`);
  let column = 'p.attributes';
  if (def.appliesTo === 'variant') {
    joinVariants(db, dialect, q, 'fv');
    column = 'fv.attributes';
  }
  if (def.type === 'string_list') {
    q.joinRaw(`cross join ${attributeElements(db, dialect, column, def.code, 'ae').toQuery()}`);
    return part(db, `attribute:${def.code}`, q, 'ae.value', null, 'count(distinct p.id)').groupBy('ae.value').orderByRaw('n desc, k').limit(FACET_LIMIT);
  }
  const text = attributeJsonText(db, dialect, column, def.code);
  q.whereRaw(`${text.toQuery()} is not null`);
  return part(db, `attribute:${def.code}`, q, text, null, 'count(distinct p.id)').groupByRaw(text.toQuery()).orderByRaw('n desc, k').limit(FACET_LIMIT);
}

function pricePart(db: Db, dialect: Dialect, plan: SearchPlan, edges: number[]): Knex.QueryBuilder {
  // Grouped derived tables are never flattened: each price is computed once per variant, then
  // once per product, before it is bucketed.
  const perVariant = joinApplicablePrices(db, dialect, joinVariants(db, dialect, sampled(db, dialect, plan, 'price'), 'v'), plan)
    .groupBy('p.id', 'v.id')
    .select('p.id as product_id', db.raw(`${EFFECTIVE_PRICE} as amount`));
  const perProduct = db.from(perVariant.as('vp')).groupBy('vp.product_id').select(db.raw('min(vp.amount) as price'));
  const bucket = `case ${edges.map((e, i) => `when lp.price < ${e} then ${i}`).join(' ')} else ${edges.length} end`;
  return part(db, 'price', db.from(perProduct.as('lp')), bucket, null).groupByRaw(bucket);
}

function inStockPart(db: Db, dialect: Dialect, plan: SearchPlan): Knex.QueryBuilder {
  return part(db, 'inStock', sampled(db, dialect, plan, 'inStock').whereExists(inStockCondition(db, plan, dialect)), 'null', null);
}

/** The one facet statement (a UNION ALL of one grouped query per requested facet), or null when nothing is requested. */
export function facetStatement(
  db: Db,
  dialect: Dialect,
  plan: SearchPlan,
  request: FacetRequest,
  attributeDefs: readonly SearchAttributeDefinition[],
  edges: number[],
  withHits: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
): Knex.QueryBuilder | null {
  const parts: Knex.QueryBuilder[] = [];
  if (request.categories) parts.push(categoryPart(db, dialect, plan));
  if (request.brands) parts.push(brandPart(db, dialect, plan));
  if (request.attributes) for (const def of attributeDefs) parts.push(attributePart(db, dialect, plan, def));
  if (request.priceRanges) parts.push(pricePart(db, dialect, plan, edges));
  if (request.inStock) parts.push(inStockPart(db, dialect, plan));
  if (parts.length === 0) return null;
  parts.push(samplePart(db));
  const wrapped = parts.map((p, i) => db.select('*').from(p.as(`f${i}`)));
  const statement = withHits(wrapped[0]!.clone()).withMaterialized(BASE, baseIds(db, dialect, plan));
  statement.unionAll(wrapped.slice(1), false);
  return statement;
}

/**
 * Computes the requested facets in **one** statement (a UNION ALL of one grouped query per
 * facet, sharing the materialized full-text hits). `attributeDefs` are the filterable
 * attributes to count.
 */
export async function computeFacets(
  db: Db,
  dialect: Dialect,
  plan: SearchPlan,
  request: FacetRequest,
  attributeDefs: readonly SearchAttributeDefinition[],
  currencyExponent: number,
  withHits: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<SearchFacets> {
  const edges = priceEdges(currencyExponent);
  const facets: SearchFacets = { categories: [], brands: [], attributes: [], priceRanges: [], inStock: { count: 0 }, exhaustive: true };
  const statement = facetStatement(db, dialect, plan, request, attributeDefs, edges, withHits);
  if (!statement) return facets;
  const rows = (await statement) as FacetRow[];
  return collect(rows, facets, attributeDefs, edges);
}

function collect(rows: FacetRow[], facets: SearchFacets, defs: readonly SearchAttributeDefinition[], edges: number[]): SearchFacets {
  const attributes = new Map(defs.map((d) => [d.code, { code: d.code, label: d.label, values: [] as FacetValue[] }]));
  for (const row of rows) {
    const count = Number(row.n);
    if (row.facet === 'category') facets.categories.push({ id: String(row.k), name: row.label ?? '', count });
    else if (row.facet === 'brand') facets.brands.push({ value: String(row.k), count });
    else if (row.facet === 'inStock') facets.inStock = { count };
    else if (row.facet === 'sample') facets.exhaustive = count <= FACET_SCAN_LIMIT;
    else if (row.facet === 'price') {
      const i = Number(row.k);
      facets.priceRanges.push({ min: i === 0 ? 0 : edges[i - 1]!, max: i < edges.length ? edges[i]! : null, count });
    } else if (row.facet.startsWith('attribute:')) {
      const facet = attributes.get(row.facet.slice('attribute:'.length));
      const def = defs.find((d) => d.code === facet?.code);
      if (facet && row.k !== null) facet.values.push({ value: def?.type === 'string_list' ? String(row.k) : displayJson(String(row.k)), count });
    }
  }
  facets.priceRanges.sort((a, b) => a.min - b.min);
  facets.attributes = [...attributes.values()].filter((a) => a.values.length > 0);
  return facets;
}

/** A stored JSON value as a facet shows it ("red", 42, true). */
function displayJson(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return text;
  }
}
