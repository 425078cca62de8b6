import type { Knex } from 'knex';
import { requirePlatform, type Ctx, type PlatformRef } from '../../kernel/context.js';
import { fromJson } from '../../db/json-column.js';
import { epochMillis } from '../../db/epoch-column.js';
import { readPageArgs, toConnection, type PageArgs } from '../../gateway/connection.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toVariant, type AttributeValues, type Variant, type VariantRow } from './catalog.records.js';
import { normalizeGtin } from './gtin.js';
import { inCategorySubtree, type CountedConnection } from './product-list.js';

/**
 * A product as a shopper sees it on a channel: active, published to the request's platform,
 * its title and description in the platform's locale when translated (else the default text).
 */
export interface ChannelProduct {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  attributes: AttributeValues;
  updatedAt: Date;
}

/** Filters of the channel products list. */
export interface ChannelProductFilter {
  /** Products in this category or below it. */
  categoryId?: string | null;
  collectionId?: string | null;
}

/** Arguments of the channel `products` query. */
export type ChannelProductArgs = PageArgs & { filter?: ChannelProductFilter | null };

interface ChannelRow {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  attributes: unknown;
  updated_at: number | string;
}

/** The language part of a locale ("es" of "es-ES"), or null when the locale is only a language. */
function baseLanguage(locale: string): string | null {
  const at = locale.indexOf('-');
  return at > 0 ? locale.slice(0, at) : null;
}

/**
 * The one statement behind every channel product read: the platform's assortment joined to
 * active products, with the translation of the platform's locale (then its language), left
 * for the caller to filter, page and order.
 */
function visibleProducts(db: Knex | Knex.Transaction, platform: PlatformRef): Knex.QueryBuilder {
  const lang = baseLanguage(platform.locale);
  const query = db(`${T.productPlatform} as pp`)
    .join(`${T.product} as p`, 'p.id', 'pp.product_id')
    .leftJoin(`${T.translation} as t`, (j) => j.on('t.product_id', 'p.id').andOn('t.locale', db.raw('?', [platform.locale])))
    .where('pp.platform_id', platform.id)
    .where('p.status', 'active');
  if (lang) {
    query.leftJoin(`${T.translation} as tl`, (j) => j.on('tl.product_id', 'p.id').andOn('tl.locale', db.raw('?', [lang])));
    query.select(
      'p.id',
      'p.handle',
      db.raw('coalesce(t.title, tl.title, p.title) as title'),
      db.raw('coalesce(t.description, tl.description, p.description) as description'),
      'p.brand',
      'p.attributes',
      'p.updated_at',
    );
  } else {
    query.select('p.id', 'p.handle', db.raw('coalesce(t.title, p.title) as title'), db.raw('coalesce(t.description, p.description) as description'), 'p.brand', 'p.attributes', 'p.updated_at');
  }
  return query;
}

function toChannelProduct(row: ChannelRow): ChannelProduct {
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    description: row.description,
    brand: row.brand,
    attributes: fromJson<AttributeValues>(row.attributes) ?? {},
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

/** A page of the platform's assortment in id order: ONE statement (COUNT only when asked for). */
export async function channelProducts(ctx: Ctx, args: ChannelProductArgs): Promise<CountedConnection<ChannelProduct>> {
  const platform = requirePlatform(ctx);
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const applyFilter = (q: Knex.QueryBuilder) => {
    if (filter.categoryId) q.where(inCategorySubtree(ctx.db, filter.categoryId));
    if (filter.collectionId) q.whereExists(ctx.db(T.collectionProduct).whereRaw('product_id = p.id').where('collection_id', filter.collectionId).select(ctx.db.raw('1')));
  };
  const query = visibleProducts(ctx.db, platform);
  applyFilter(query);
  if (afterKey) query.where('p.id', '>', afterKey);
  const rows = (await query.orderBy('p.id', 'asc').limit(size + 1)) as ChannelRow[];
  const page = toConnection(rows.map(toChannelProduct), size, (p) => p.id);
  const totalCount = async () => {
    const count = ctx.db(`${T.productPlatform} as pp`).join(`${T.product} as p`, 'p.id', 'pp.product_id').where('pp.platform_id', platform.id).where('p.status', 'active').count({ n: '*' });
    applyFilter(count);
    const [row] = (await count) as { n: number | string }[];
    return Number(row?.n ?? 0);
  };
  return { ...page, totalCount };
}

/** One visible product by id or handle, or null. */
export async function channelProduct(ctx: Ctx, ref: { id?: string | null; handle?: string | null }): Promise<ChannelProduct | null> {
  const platform = requirePlatform(ctx);
  if (!ref.id && !ref.handle) return null;
  const query = visibleProducts(ctx.db, platform);
  if (ref.id) query.where('p.id', ref.id);
  if (ref.handle) query.where('p.handle', ref.handle);
  const row = (await query.first()) as ChannelRow | undefined;
  return row ? toChannelProduct(row) : null;
}

/** The visible products among `ids`, in the order given (invisible ones left out). One statement. */
export async function channelProductsByIds(ctx: Ctx, ids: readonly string[]): Promise<ChannelProduct[]> {
  const platform = requirePlatform(ctx);
  if (ids.length === 0) return [];
  const rows = (await visibleProducts(ctx.db, platform).whereIn('p.id', [...new Set(ids)])) as ChannelRow[];
  const byId = new Map(rows.map((r) => [r.id, toChannelProduct(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Products of a collection visible on the platform, in the collection's order. */
export async function channelCollectionProducts(ctx: Ctx, collectionId: string, limit: number): Promise<ChannelProduct[]> {
  const platform = requirePlatform(ctx);
  const rows = (await visibleProducts(ctx.db, platform)
    .join(`${T.collectionProduct} as cp`, 'cp.product_id', 'p.id')
    .where('cp.collection_id', collectionId)
    .orderBy([{ column: 'cp.position' }, { column: 'p.id' }])
    .limit(limit)) as ChannelRow[];
  return rows.map(toChannelProduct);
}

/** The variant columns channel and admin reads select. */
export const VARIANT_COLUMNS = ['id', 'product_id', 'sku', 'gtin', 'title', 'position', 'option_values', 'attributes', 'weight_grams', 'status'] as const;

/**
 * Scan-to-find for POS: the active variant, of a product visible on the platform, whose SKU is
 * exactly `code` or whose GTIN is `code` given as 8, 12, 13 or 14 digits. One statement.
 */
export async function channelVariantByCode(ctx: Ctx, code: string): Promise<Variant | null> {
  const platform = requirePlatform(ctx);
  const text = code.trim();
  if (!text) return null;
  const gtin = normalizeGtin(text);
  const row = (await ctx
    .db(`${T.variant} as v`)
    .join(`${T.product} as p`, 'p.id', 'v.product_id')
    .join(`${T.productPlatform} as pp`, (j) => j.on('pp.product_id', 'p.id').andOn('pp.platform_id', ctx.db.raw('?', [platform.id])))
    .where('p.status', 'active')
    .where('v.status', 'active')
    .where((q) => {
      q.where('v.sku', text);
      if (gtin) q.orWhere('v.gtin', gtin);
    })
    .orderByRaw('case when v.sku = ? then 0 else 1 end', [text])
    .first(VARIANT_COLUMNS.map((c) => `v.${c}`))) as VariantRow | undefined;
  return row ? toVariant(row) : null;
}
