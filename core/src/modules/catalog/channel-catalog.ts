import type { Knex } from 'knex';
import { requirePlatform, type Ctx, type PlatformRef } from '../../kernel/context.js';
import { readPageArgs, toConnection, type PageArgs } from '../../gateway/connection.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toVariant, type Variant, type VariantRow } from './catalog.records.js';
import { normalizeGtin } from './gtin.js';
import { inCategorySubtree, type CountedConnection } from './product-list.js';
import { selectChannelProductColumns, toChannelProduct, type ChannelProduct, type ChannelProductRow } from './channel-product.js';

export type { ChannelProduct } from './channel-product.js';

/** Filters of the channel products list. */
export interface ChannelProductFilter {
  /** Products in this category or below it. */
  categoryId?: string | null;
  collectionId?: string | null;
}

/** Arguments of the channel `products` query. */
export type ChannelProductArgs = PageArgs & { filter?: ChannelProductFilter | null };

/**
 * The one statement behind every channel product read: the platform's assortment joined to
 * active products, with the translation of the platform's locale (then its language), left
 * for the caller to filter, page and order.
 */
function visibleProducts(db: Knex | Knex.Transaction, platform: PlatformRef): Knex.QueryBuilder {
  const query = db(`${T.productPlatform} as pp`).join(`${T.product} as p`, 'p.id', 'pp.product_id').where('pp.platform_id', platform.id).where('p.status', 'active');
  return selectChannelProductColumns(db, platform, query);
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
  const rows = (await query.orderBy('p.id', 'asc').limit(size + 1)) as ChannelProductRow[];
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
  const row = (await query.first()) as ChannelProductRow | undefined;
  return row ? toChannelProduct(row) : null;
}

/** The visible products among `ids`, in the order given (invisible ones left out). One statement. */
export async function channelProductsByIds(ctx: Ctx, ids: readonly string[]): Promise<ChannelProduct[]> {
  const platform = requirePlatform(ctx);
  if (ids.length === 0) return [];
  const rows = (await visibleProducts(ctx.db, platform).whereIn('p.id', [...new Set(ids)])) as ChannelProductRow[];
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
    .limit(limit)) as ChannelProductRow[];
  return rows.map(toChannelProduct);
}

/** The variant columns channel and admin reads select. */
export const VARIANT_COLUMNS = ['id', 'product_id', 'sku', 'gtin', 'title', 'position', 'option_values', 'attributes', 'weight_grams', 'tax_category', 'status'] as const;

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
