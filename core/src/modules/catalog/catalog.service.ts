import { inject, injectable } from 'tsyringe';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { CatalogPermission as P } from './catalog.permissions.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toOption, toProduct, toVariant, type Product, type ProductOption, type ProductRow, type Variant, type VariantRow } from './catalog.records.js';
import { AssortmentService, type AssortmentInput } from './assortment.service.js';
import { channelProductsByIds, VARIANT_COLUMNS, type ChannelProduct } from './channel-catalog.js';
import { variantsOfProduct } from './catalog.loaders.js';
import { normalizeGtin } from './gtin.js';
import type { ProductInput } from './product.inputs.js';
import { ProductService, type UpsertResult } from './product.service.js';
import { inOrder } from '../../db/in-order.js';

/** Rows grouped by their `product_id`, in their order. */
function groupByProduct<R extends { product_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.product_id);
    if (group) group.push(row);
    else groups.set(row.product_id, [row]);
  }
  return groups;
}

/** A product with its options and variants, as `streamProducts` yields it. */
export interface ProductWithVariants extends Product {
  options: ProductOption[];
  variants: Variant[];
  /** Category ids. */
  categoryIds: string[];
  /** The same categories as handle paths ("clothing/tops"), what `upsertProductByHandle` takes. */
  categoryPaths: string[];
  media: { url: string; alt: string }[];
  translations: { locale: string; title: string; description: string }[];
}

/**
 * The catalog's public service for other modules and plugins (pricing, inventory, search,
 * CSV import/export). Plain reads take no permission (the caller checks its own); writes and
 * the export stream check the catalog's permissions.
 */
@injectable()
export class CatalogService {
  constructor(
    @inject(ProductService) private readonly products: ProductService,
    @inject(AssortmentService) private readonly assortment: AssortmentService,
  ) {}

  /** Variants by id, in the order given (null for unknown ids). One statement. */
  async variantsByIds(ctx: Ctx, ids: readonly string[]): Promise<(Variant | null)[]> {
    if (ids.length === 0) return [];
    const rows = (await ctx.db(T.variant).whereIn('id', [...new Set(ids)]).select(...VARIANT_COLUMNS)) as VariantRow[];
    const byId = new Map(rows.map((r) => [r.id, toVariant(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The variant with this SKU (exact), or null. */
  async variantBySku(ctx: Ctx, sku: string): Promise<Variant | null> {
    const row = (await ctx.db(T.variant).where('sku', sku).first(...VARIANT_COLUMNS)) as VariantRow | undefined;
    return row ? toVariant(row) : null;
  }

  /** Variants by SKU, keyed by SKU (for importers that match rows by SKU). One statement. */
  async variantsBySkus(ctx: Ctx, skus: readonly string[]): Promise<Map<string, Variant>> {
    if (skus.length === 0) return new Map();
    const rows = (await ctx.db(T.variant).whereIn('sku', [...new Set(skus)]).select(...VARIANT_COLUMNS)) as VariantRow[];
    return new Map(rows.map((r) => [r.sku, toVariant(r)]));
  }

  /** The variant with this GTIN (8/12/13/14 digits), or null (also for an invalid GTIN). */
  async variantByGtin(ctx: Ctx, gtin: string): Promise<Variant | null> {
    const gtin14 = normalizeGtin(gtin);
    if (!gtin14) return null;
    const row = (await ctx.db(T.variant).where('gtin', gtin14).first(...VARIANT_COLUMNS)) as VariantRow | undefined;
    return row ? toVariant(row) : null;
  }

  /**
   * A product's variants through the request's shared DataLoader (`catalog.variantsByProduct`
   * on the channel: active variants only). Use this from `Product` field resolvers (price
   * range, in stock) so a page of products costs one variant statement in total.
   */
  variantsOfProduct(ctx: Ctx, productId: string): Promise<Variant[]> {
    return variantsOfProduct(ctx, productId);
  }

  /** Products by id, in the order given (null for unknown ids). */
  async productsByIds(ctx: Ctx, ids: readonly string[]): Promise<(Product | null)[]> {
    if (ids.length === 0) return [];
    const rows = (await ctx.db(T.product).whereIn('id', [...new Set(ids)]).select('*')) as ProductRow[];
    const byId = new Map(rows.map((r) => [r.id, toProduct(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The products among `ids` a shopper may see on `ctx.platform` (active, published), in the
   * given order, as the channel `Product` type resolves them (e.g. search results). One statement.
   */
  channelProductsByIds(ctx: Ctx, ids: readonly string[]): Promise<ChannelProduct[]> {
    return channelProductsByIds(ctx, ids);
  }

  /** Creates or replaces the product with this handle (see {@link ProductService.upsertByHandle}). */
  upsertProductByHandle(ctx: Ctx, input: ProductInput): Promise<UpsertResult> {
    return this.products.upsertByHandle(ctx, input);
  }

  /** Publishes a product to platforms (needs `catalog.publish` on each). */
  publish(ctx: Ctx, input: AssortmentInput): Promise<Product> {
    return this.assortment.publish(ctx, input);
  }

  /** Withdraws a product from platforms (needs `catalog.publish` on each). */
  unpublish(ctx: Ctx, input: AssortmentInput): Promise<Product> {
    return this.assortment.unpublish(ctx, input);
  }

  /**
   * Every product with its options, variants, categories, media and translations, in id
   * order, `batchSize` products at a time (keyset pagination: constant cost per batch however
   * large the catalog). For the CSV export. Needs `catalog.read`.
   */
  async *streamProducts(ctx: Ctx, options: { batchSize?: number } = {}): AsyncGenerator<ProductWithVariants[]> {
    requirePermission(ctx, P.Read);
    const batchSize = Math.min(Math.max(options.batchSize ?? 200, 1), 1000);
    let after = '';
    const categories = (await ctx.db(T.category).select('id', 'handle', 'path')) as { id: string; handle: string; path: string }[];
    const handleOf = new Map(categories.map((c) => [c.id, c.handle]));
    const pathOf = new Map(categories.map((c) => [c.id, c.path.split('/').filter(Boolean).map((id) => handleOf.get(id) ?? id).join('/')]));
    for (;;) {
      const rows = (await ctx.db(T.product).where('id', '>', after).orderBy('id').limit(batchSize).select('*')) as ProductRow[];
      if (rows.length === 0) return;
      const ids = rows.map((r) => r.id);
      const [options, variants, links, media, translations] = await inOrder(
        ctx.db(T.option).whereIn('product_id', ids).orderBy(['product_id', 'position']).select('id', 'product_id', 'name', 'position', 'values') as Promise<Parameters<typeof toOption>[0][]>,
        ctx.db(T.variant).whereIn('product_id', ids).orderBy(['product_id', 'position']).select(...VARIANT_COLUMNS) as Promise<VariantRow[]>,
        ctx.db(T.productCategory).whereIn('product_id', ids).select('product_id', 'category_id') as Promise<{ product_id: string; category_id: string }[]>,
        ctx.db(T.media).whereIn('product_id', ids).orderBy(['product_id', 'position']).select('product_id', 'url', 'alt') as Promise<{ product_id: string; url: string; alt: string }[]>,
        ctx.db(T.translation).whereIn('product_id', ids).orderBy(['product_id', 'locale']).select('product_id', 'locale', 'title', 'description') as Promise<{ product_id: string; locale: string; title: string; description: string }[]>,
      );
      const optionsBy = groupByProduct(options);
      const variantsBy = groupByProduct(variants);
      const linksBy = groupByProduct(links);
      const mediaBy = groupByProduct(media);
      const translationsBy = groupByProduct(translations);
      yield rows.map((row) => ({
        ...toProduct(row),
        options: (optionsBy.get(row.id) ?? []).map(toOption),
        variants: (variantsBy.get(row.id) ?? []).map(toVariant),
        categoryIds: (linksBy.get(row.id) ?? []).map((c) => c.category_id),
        categoryPaths: (linksBy.get(row.id) ?? []).map((c) => pathOf.get(c.category_id) ?? c.category_id),
        media: (mediaBy.get(row.id) ?? []).map((m) => ({ url: m.url, alt: m.alt })),
        translations: (translationsBy.get(row.id) ?? []).map((t) => ({ locale: t.locale, title: t.title, description: t.description })),
      }));
      if (rows.length < batchSize) return;
      after = rows.at(-1)!.id;
    }
  }
}
