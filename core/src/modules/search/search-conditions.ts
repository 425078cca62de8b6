import type { Knex } from 'knex';
import type { Dialect } from '../../db/database.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import { attributeContainsAny, attributeEquals } from './search-json.js';
import type { ResolvedAttributeFilter } from './search-filter.js';
import type { FilterKey, SearchPlan } from './search-plan.js';

type Db = Knex;

/** The CTE holding the full-text matches (product_id, score). */
export const HITS = 'search_hits';

/**
 * The price rows that apply to an anonymous shopper now on the platform's active price list
 * (no customer group, quantity 1, in force at `now`), joined as `pr` to the variants `v` of
 * `query`. On SQLite a CROSS JOIN keeps the order variant → price (one lookup in the
 * (price_list_id, variant_id, …) index per variant), never a scan of the whole list.
 */
export function joinApplicablePrices(db: Db, dialect: Dialect, query: Knex.QueryBuilder, plan: SearchPlan): Knex.QueryBuilder {
  if (dialect === 'sqlite') query.crossJoin(db.raw('?? as pr', ['pricing_price'])).whereRaw('pr.variant_id = v.id');
  else query.join('pricing_price as pr', 'pr.variant_id', 'v.id');
  return query
    .where('pr.price_list_id', plan.priceListId ?? '')
    .whereNull('pr.customer_group_id')
    .where('pr.min_quantity', '<=', 1)
    .where((q) => q.whereNull('pr.starts_at').orWhere('pr.starts_at', '<=', plan.now))
    .where((q) => q.whereNull('pr.ends_at').orWhere('pr.ends_at', '>', plan.now));
}

/** Joins the active variants of `p` as `alias` (a CROSS JOIN on SQLite: after the products, never before). */
export function joinVariants(db: Db, dialect: Dialect, query: Knex.QueryBuilder, alias: string): Knex.QueryBuilder {
  if (dialect === 'sqlite') query.crossJoin(db.raw('?? as ??', [C.variant, alias])).whereRaw(`${alias}.product_id = p.id`);
  else query.join(`${C.variant} as ${alias}`, `${alias}.product_id`, 'p.id');
  return query.where(`${alias}.status`, 'active');
}

/** A variant's price as the pricing module resolves it for a shopper: a dated price beats an undated one, then the lowest wins. */
export const EFFECTIVE_PRICE = 'coalesce(min(case when pr.starts_at is not null or pr.ends_at is not null then pr.amount end), min(pr.amount))';

/** Has product `p` an active variant priced within [min, max] on the platform's list? */
function priceCondition(db: Db, dialect: Dialect, plan: SearchPlan): Knex.QueryBuilder {
  const { priceMin, priceMax } = plan.filter;
  const sub = joinApplicablePrices(db, dialect, db.from(`${C.variant} as v`).select(db.raw('1')).whereRaw('v.product_id = p.id').where('v.status', 'active'), plan).groupBy('v.id');
  if (priceMin !== null) sub.havingRaw(`${EFFECTIVE_PRICE} >= ?`, [priceMin]);
  if (priceMax !== null) sub.havingRaw(`${EFFECTIVE_PRICE} <= ?`, [priceMax]);
  return sub;
}

/**
 * Has product `p` an active variant available on the platform (on hand − reserved − safety
 * stock > 0 at an active linked location)? Driven from the product's variants to their levels
 * (on SQLite by CROSS JOINs, which fix that order: a planner without statistics would
 * otherwise start from the locations and read every level).
 */
export function inStockCondition(db: Db, plan: SearchPlan, dialect: Dialect): Knex.QueryBuilder {
  const query = db.from(`${C.variant} as v`).select(db.raw('1'));
  if (dialect === 'sqlite') {
    query
      .crossJoin(db.raw('?? as l', ['inventory_level']))
      .crossJoin(db.raw('?? as ipl', ['inventory_platform_location']))
      .crossJoin(db.raw('?? as loc', ['inventory_location']))
      .whereRaw('l.variant_id = v.id')
      .whereRaw('ipl.location_id = l.location_id')
      .where('ipl.platform_id', plan.platformId)
      .whereRaw('loc.id = l.location_id')
      .where('loc.status', 'active');
  } else {
    query
      .join('inventory_level as l', 'l.variant_id', 'v.id')
      .join('inventory_platform_location as ipl', (j) => j.on('ipl.location_id', 'l.location_id').andOnVal('ipl.platform_id', plan.platformId))
      .join('inventory_location as loc', (j) => j.on('loc.id', 'l.location_id').andOnVal('loc.status', 'active'));
  }
  return query.whereRaw('v.product_id = p.id').where('v.status', 'active').whereRaw('l.on_hand - l.reserved - ipl.safety_stock > 0');
}

function attributeCondition(db: Db, dialect: Dialect, condition: ResolvedAttributeFilter, column: string): Knex.Raw {
  const { definition, values } = condition;
  return definition.type === 'string_list'
    ? attributeContainsAny(db, dialect, column, definition.code, values)
    : attributeEquals(db, dialect, column, definition.code, values);
}

/** Applies one attribute condition to product `p` (on the product, or on one of its active variants). */
function applyAttribute(db: Db, dialect: Dialect, query: Knex.QueryBuilder, condition: ResolvedAttributeFilter): void {
  if (condition.definition.appliesTo === 'product') {
    query.where(attributeCondition(db, dialect, condition, 'p.attributes'));
    return;
  }
  query.whereExists(
    db.from(`${C.variant} as va`).select(db.raw('1')).whereRaw('va.product_id = p.id').where('va.status', 'active').where(attributeCondition(db, dialect, condition, 'va.attributes')),
  );
}

/**
 * The products a search may return, as `p` (catalog_product) — active, published to the
 * platform, matching the text (joined to the hits CTE as `h`) and every filter except `omit`.
 * Callers add their own select, grouping and order.
 */
export function candidates(db: Db, dialect: Dialect, plan: SearchPlan, omit: FilterKey | null = null): Knex.QueryBuilder {
  let query: Knex.QueryBuilder;
  if (!plan.terms) {
    // A listing walks the platform's assortment index in product id order.
    query = db.from(`${C.productPlatform} as pp`).where('pp.platform_id', plan.platformId).join(`${C.product} as p`, 'p.id', 'pp.product_id');
  } else if (dialect === 'sqlite') {
    // CROSS JOIN fixes SQLite's join order: start from the (few) text matches, never from the
    // platform's whole assortment.
    query = db
      .from(`${HITS} as h`)
      .crossJoin(db.raw('?? as pp', [C.productPlatform]))
      .crossJoin(db.raw('?? as p', [C.product]))
      .whereRaw('pp.product_id = h.product_id')
      .where('pp.platform_id', plan.platformId)
      .whereRaw('p.id = h.product_id');
  } else {
    query = db.from(`${HITS} as h`).join(`${C.productPlatform} as pp`, (j) => j.on('pp.product_id', 'h.product_id').andOnVal('pp.platform_id', plan.platformId)).join(`${C.product} as p`, 'p.id', 'pp.product_id');
  }
  query.where('p.status', 'active');
  const f = plan.filter;
  if (f.categoryId && omit !== 'category') {
    query.whereExists(
      db
        .from(`${C.productCategory} as pc`)
        .select(db.raw('1'))
        .whereRaw('pc.product_id = p.id')
        .whereIn('pc.category_id', db.from(`${C.category} as sc`).select('sc.id').whereRaw(`sc.path like (select cc.path from ${C.category} cc where cc.id = ?) || '%'`, [f.categoryId])),
    );
  }
  if (f.collectionId && omit !== 'collection') {
    query.whereExists(db.from(`${C.collectionProduct} as cp`).select(db.raw('1')).whereRaw('cp.product_id = p.id').where('cp.collection_id', f.collectionId));
  }
  if (f.brands && omit !== 'brands') query.whereIn('p.brand', f.brands);
  if ((f.priceMin !== null || f.priceMax !== null) && omit !== 'price') query.whereExists(priceCondition(db, dialect, plan));
  if (f.inStock !== null && omit !== 'inStock') {
    if (f.inStock) query.whereExists(inStockCondition(db, plan, dialect));
    else query.whereNotExists(inStockCondition(db, plan, dialect));
  }
  for (const condition of f.attributes) {
    if (omit !== `attribute:${condition.definition.code}`) applyAttribute(db, dialect, query, condition);
  }
  return query;
}
