import type { Knex } from 'knex';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toProduct, type Product, type ProductRow, type ProductStatus } from './catalog.records.js';

/** Filters of the admin products list. */
export interface ProductFilter {
  status?: ProductStatus | null;
  brand?: string | null;
  /** Products in this category or any category below it. */
  categoryId?: string | null;
  collectionId?: string | null;
  /** Products published to this platform. */
  platformId?: string | null;
  /** Products changed at or after this time. */
  updatedSince?: Date | null;
  /** Part of the title or of a variant's SKU (case-insensitive). */
  query?: string | null;
}

/** Arguments of the admin products list. */
export type ProductListArgs = PageArgs & { filter?: ProductFilter | null };

/** A page with a lazily counted total (COUNT runs only when `totalCount` is asked for). */
export type CountedConnection<T> = Connection<T> & { totalCount: () => Promise<number> };

function escapeLike(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Products in the category `categoryId` or below it (materialized path prefix). */
export function inCategorySubtree(db: Knex | Knex.Transaction, categoryId: string) {
  return (q: Knex.QueryBuilder) =>
    q.whereExists(
      db(`${T.productCategory} as pc`)
        .join(`${T.category} as c`, 'c.id', 'pc.category_id')
        .join(`${T.category} as root`, 'root.id', db.raw('?', [categoryId]))
        .whereRaw('pc.product_id = p.id')
        .whereRaw('substr(c.path, 1, length(root.path)) = root.path')
        .select(db.raw('1')),
    );
}

/** Applies the admin filters to a query over `catalog_product as p`. */
export function applyProductFilter(db: Knex | Knex.Transaction, query: Knex.QueryBuilder, filter: ProductFilter): void {
  if (filter.status) query.where('p.status', filter.status);
  if (filter.brand) query.where('p.brand', filter.brand);
  if (filter.categoryId) query.where(inCategorySubtree(db, filter.categoryId));
  if (filter.collectionId) {
    query.whereExists(db(T.collectionProduct).whereRaw('product_id = p.id').where('collection_id', filter.collectionId).select(db.raw('1')));
  }
  if (filter.platformId) {
    query.whereExists(db(T.productPlatform).whereRaw('product_id = p.id').where('platform_id', filter.platformId).select(db.raw('1')));
  }
  if (filter.updatedSince) {
    const since = new Date(filter.updatedSince).getTime();
    if (Number.isNaN(since)) throw errors.badInput('updatedSince is not a date-time', [{ path: 'filter.updatedSince', message: 'must be an ISO 8601 date-time' }], 'CATALOG_INPUT_INVALID');
    query.where('p.updated_at', '>=', since);
  }
  const text = filter.query?.trim().toLowerCase();
  if (text) {
    const like = escapeLike(text);
    query.where((q) =>
      q
        .whereRaw("lower(p.title) like ? escape '\\'", [like])
        .orWhereExists(db(T.variant).whereRaw('product_id = p.id').whereRaw("lower(sku) like ? escape '\\'", [like]).select(db.raw('1'))),
    );
  }
}

/** One page of products for the admin, newest first (ids are time-ordered: keyset on id). */
export async function listProducts(ctx: Ctx, args: ProductListArgs): Promise<CountedConnection<Product>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(`${T.product} as p`).select('p.*');
  applyProductFilter(ctx.db, query, filter);
  if (afterKey) query.where('p.id', '<', afterKey);
  const rows = (await query.orderBy('p.id', 'desc').limit(size + 1)) as ProductRow[];
  const page = toConnection(rows.map(toProduct), size, (p) => p.id);
  const totalCount = async () => {
    const count = ctx.db(`${T.product} as p`).count({ n: '*' });
    applyProductFilter(ctx.db, count, filter);
    const [row] = (await count) as { n: number | string }[];
    return Number(row?.n ?? 0);
  };
  return { ...page, totalCount };
}
