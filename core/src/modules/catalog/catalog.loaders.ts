import type { Ctx } from '../../kernel/context.js';
import { CatalogTables as T } from './catalog.tables.js';
import {
  toCategory,
  toMedia,
  toOption,
  toVariant,
  type Category,
  type CategoryRow,
  type ProductMedia,
  type ProductOption,
  type ProductTranslation,
  type Variant,
  type VariantRow,
} from './catalog.records.js';
import { VARIANT_COLUMNS } from './channel-catalog.js';

/** Groups rows by a key, in the order of `keys` (DataLoader's contract). */
function groupBy<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string, map: (row: R) => V): V[][] {
  const groups = new Map<string, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(map(row));
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * The variants of a product, batched per request by product id: one statement for a whole
 * page of products. On the channel API only active variants; the admin sees every variant.
 * Other modules reach it through `CatalogService.variantsOfProduct`, so every resolver shares
 * the same batch (`catalog.variantsByProduct`).
 */
export function variantsOfProduct(ctx: Ctx, productId: string): Promise<Variant[]> {
  const channel = ctx.api === 'channel';
  return ctx.loaders
    .get<string, Variant[]>(channel ? 'catalog.variantsByProduct' : 'catalog.admin.variantsByProduct', async (ids) => {
      const query = ctx.db(T.variant).whereIn('product_id', [...ids]).orderBy([{ column: 'product_id' }, { column: 'position' }]).select(...VARIANT_COLUMNS);
      if (channel) query.where('status', 'active');
      return groupBy(ids, (await query) as VariantRow[], (r) => r.product_id, toVariant);
    })
    .load(productId);
}

/** A product's options in order, batched. */
export function optionsOfProduct(ctx: Ctx, productId: string): Promise<ProductOption[]> {
  return ctx.loaders
    .get<string, ProductOption[]>('catalog.optionsByProduct', async (ids) => {
      const rows = await ctx.db(T.option).whereIn('product_id', [...ids]).orderBy([{ column: 'product_id' }, { column: 'position' }]).select('id', 'product_id', 'name', 'position', 'values');
      return groupBy(ids, rows as Parameters<typeof toOption>[0][], (r) => r.product_id, toOption);
    })
    .load(productId);
}

/** A product's media in order, batched. */
export function mediaOfProduct(ctx: Ctx, productId: string): Promise<ProductMedia[]> {
  return ctx.loaders
    .get<string, ProductMedia[]>('catalog.mediaByProduct', async (ids) => {
      const rows = await ctx.db(T.media).whereIn('product_id', [...ids]).orderBy([{ column: 'product_id' }, { column: 'position' }]).select('id', 'product_id', 'variant_id', 'url', 'alt', 'position');
      return groupBy(ids, rows as Parameters<typeof toMedia>[0][], (r) => r.product_id, toMedia);
    })
    .load(productId);
}

/** A product's categories (by path), batched. */
export function categoriesOfProduct(ctx: Ctx, productId: string): Promise<Category[]> {
  return ctx.loaders
    .get<string, Category[]>('catalog.categoriesByProduct', async (ids) => {
      const rows = (await ctx
        .db(`${T.productCategory} as pc`)
        .join(`${T.category} as c`, 'c.id', 'pc.category_id')
        .whereIn('pc.product_id', [...ids])
        .orderBy('c.path')
        .select('pc.product_id', 'c.*')) as (CategoryRow & { product_id: string })[];
      return groupBy(ids, rows, (r) => r.product_id, toCategory);
    })
    .load(productId);
}

/** A product's translations (admin), batched. */
export function translationsOfProduct(ctx: Ctx, productId: string): Promise<ProductTranslation[]> {
  return ctx.loaders
    .get<string, ProductTranslation[]>('catalog.translationsByProduct', async (ids) => {
      const rows = (await ctx.db(T.translation).whereIn('product_id', [...ids]).orderBy(['product_id', 'locale']).select('product_id', 'locale', 'title', 'description')) as {
        product_id: string;
        locale: string;
        title: string;
        description: string;
      }[];
      return groupBy(ids, rows, (r) => r.product_id, (r) => ({ productId: r.product_id, locale: r.locale, title: r.title, description: r.description }));
    })
    .load(productId);
}

/** The platforms a product is published to (admin), batched. */
export function platformsOfProduct(ctx: Ctx, productId: string): Promise<{ platformId: string; publishedAt: Date }[]> {
  return ctx.loaders
    .get<string, { platformId: string; publishedAt: Date }[]>('catalog.platformsByProduct', async (ids) => {
      const rows = (await ctx.db(T.productPlatform).whereIn('product_id', [...ids]).orderBy(['product_id', 'platform_id']).select('product_id', 'platform_id', 'published_at')) as {
        product_id: string;
        platform_id: string;
        published_at: number | string;
      }[];
      return groupBy(ids, rows, (r) => r.product_id, (r) => ({ platformId: r.platform_id, publishedAt: new Date(Number(r.published_at)) }));
    })
    .load(productId);
}

/** The children of a category (null: the roots), batched; by position, then name. */
export function childCategories(ctx: Ctx, parentId: string | null): Promise<Category[]> {
  return ctx.loaders
    .get<string, Category[]>('catalog.categoryChildren', async (keys) => {
      const ids = keys.filter((k) => k !== '');
      const rows = (await ctx
        .db(T.category)
        .where((q) => {
          if (ids.length) q.whereIn('parent_id', ids);
          if (keys.includes('')) q.orWhereNull('parent_id');
        })
        .orderBy([{ column: 'position' }, { column: 'name' }])
        .select('*')) as CategoryRow[];
      return groupBy(keys, rows, (r) => r.parent_id ?? '', toCategory);
    })
    .load(parentId ?? '');
}

/** Product ids of a collection in order (admin), batched. */
export function collectionProductIds(ctx: Ctx, collectionId: string): Promise<string[]> {
  return ctx.loaders
    .get<string, string[]>('catalog.collectionProductIds', async (ids) => {
      const rows = (await ctx.db(T.collectionProduct).whereIn('collection_id', [...ids]).orderBy(['collection_id', 'position']).select('collection_id', 'product_id')) as { collection_id: string; product_id: string }[];
      return groupBy(ids, rows, (r) => r.collection_id, (r) => r.product_id);
    })
    .load(collectionId);
}
