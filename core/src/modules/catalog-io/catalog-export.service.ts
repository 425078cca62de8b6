import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { inject, injectable } from 'tsyringe';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { CatalogService, type ProductWithVariants } from '../catalog/catalog.service.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import { toDecimalString } from '../pricing/money.js';
import { PricingTables } from '../pricing/pricing.tables.js';
import { LIST_SEPARATOR, optionColumns, PRODUCT_COLUMNS, VARIANT_COLUMNS } from './catalog-csv.format.js';
import { CatalogIoPermission as P } from './catalog-io.permissions.js';
import { loadLookups, type CatalogIoLookups } from './catalog-io.lookups.js';
import { inOrder } from '../../db/in-order.js';

/** How an export went. */
export interface ExportSummary {
  products: number;
  rows: number;
}

/** The header of an export: fixed columns plus as many options, locales and price lists as the catalog has. */
interface ExportLayout {
  optionCount: number;
  locales: string[];
  priceLists: string[];
  header: string[];
}

/** Per batch: what the catalog stream does not carry (collections, platforms, base prices). */
interface BatchExtras {
  collections: Map<string, string[]>;
  platforms: Map<string, string[]>;
  /** variant id → list code → decimal amount. */
  prices: Map<string, Map<string, string>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function json(value: Record<string, unknown>): string {
  return Object.keys(value).length === 0 ? '' : JSON.stringify(value);
}

/**
 * Exports the whole catalog as CSV in the import format (re-importable as is), streamed: the
 * catalog's keyset batches become rows written with backpressure, so memory stays flat
 * however large the catalog. Prices are each variant's base price (for everyone, undated,
 * quantity 1) per price list, in decimal major units. Needs `catalog.export`.
 */
@injectable()
export class CatalogExportService {
  constructor(@inject(CatalogService) private readonly catalog: CatalogService) {}

  async exportProducts(ctx: Ctx, output: Writable, options: { batchSize?: number } = {}): Promise<ExportSummary> {
    requirePermission(ctx, P.Export);
    const lookups = await loadLookups(ctx);
    const layout = await this.layout(ctx, lookups);
    const csv = stringify({ header: true, columns: layout.header });
    csv.pipe(output);
    const summary: ExportSummary = { products: 0, rows: 0 };
    for await (const batch of this.catalog.streamProducts(ctx, { batchSize: options.batchSize ?? 200 })) {
      const extras = await this.extras(ctx, batch, lookups);
      for (const product of batch) {
        summary.products++;
        for (const row of this.rows(product, layout, extras)) {
          summary.rows++;
          if (!csv.write(row)) await once(csv, 'drain');
        }
      }
    }
    csv.end();
    await finished(csv);
    return summary;
  }

  private async layout(ctx: Ctx, lookups: CatalogIoLookups): Promise<ExportLayout> {
    const [options, locales] = await inOrder(
      ctx.db(C.option).groupBy('product_id').count({ n: '*' }).orderBy('n', 'desc').first() as Promise<{ n: number | string } | undefined>,
      ctx.db(C.translation).distinct('locale').orderBy('locale') as Promise<{ locale: string }[]>,
    );
    const optionCount = Number(options?.n ?? 0);
    const localeList = locales.map((l) => l.locale);
    const priceLists = [...lookups.priceLists.keys()].sort();
    const header = [
      ...PRODUCT_COLUMNS,
      ...Array.from({ length: optionCount }, (_, i) => optionColumns(i + 1)).flat(),
      ...VARIANT_COLUMNS,
      ...localeList.flatMap((l) => [`title:${l}`, `description:${l}`]),
      ...priceLists.map((code) => `price:${code}`),
    ];
    return { optionCount, locales: localeList, priceLists, header };
  }

  private async extras(ctx: Ctx, batch: ProductWithVariants[], lookups: CatalogIoLookups): Promise<BatchExtras> {
    const productIds = batch.map((p) => p.id);
    const variantIds = batch.flatMap((p) => p.variants.map((v) => v.id));
    const [collections, platforms, prices] = await inOrder(
      ctx.db(C.collectionProduct).whereIn('product_id', productIds).orderBy(['product_id', 'collection_id']).select('product_id', 'collection_id') as Promise<{ product_id: string; collection_id: string }[]>,
      ctx.db(C.productPlatform).whereIn('product_id', productIds).orderBy(['product_id', 'platform_id']).select('product_id', 'platform_id') as Promise<{ product_id: string; platform_id: string }[]>,
      variantIds.length === 0
        ? Promise.resolve([])
        : (ctx
            .db(PricingTables.price)
            .whereIn('variant_id', variantIds)
            .whereNull('customer_group_id')
            .whereNull('starts_at')
            .whereNull('ends_at')
            .where('min_quantity', 1)
            .select('variant_id', 'price_list_id', 'amount') as Promise<{ variant_id: string; price_list_id: string; amount: number | string }[]>),
    );
    const extras: BatchExtras = { collections: new Map(), platforms: new Map(), prices: new Map() };
    for (const c of collections) push(extras.collections, c.product_id, lookups.collectionHandles.get(c.collection_id) ?? c.collection_id);
    for (const p of platforms) push(extras.platforms, p.product_id, lookups.platformCodes.get(p.platform_id) ?? p.platform_id);
    const currencies = new Map([...lookups.priceLists].map(([code, l]) => [l.id, { code, currency: l.currency }]));
    for (const price of prices) {
      const list = currencies.get(price.price_list_id);
      if (!list) continue;
      const byList = extras.prices.get(price.variant_id) ?? new Map<string, string>();
      byList.set(list.code, toDecimalString(Number(price.amount), list.currency));
      extras.prices.set(price.variant_id, byList);
    }
    return extras;
  }

  /** The rows of one product: one per variant (one row without variant columns when it has none). */
  private rows(product: ProductWithVariants, layout: ExportLayout, extras: BatchExtras): Record<string, string>[] {
    const base: Record<string, string> = {
      handle: product.handle,
      title: product.title,
      description: product.description,
      brand: product.brand ?? '',
      status: product.status,
      categories: [...product.categoryPaths].sort().join(LIST_SEPARATOR),
      collections: [...(extras.collections.get(product.id) ?? [])].sort().join(LIST_SEPARATOR),
      platforms: [...(extras.platforms.get(product.id) ?? [])].sort().join(LIST_SEPARATOR),
      image_urls: product.media.map((m) => m.url).join(LIST_SEPARATOR),
      image_alts: product.media.some((m) => m.alt) ? product.media.map((m) => m.alt).join(LIST_SEPARATOR) : '',
      attributes: json(product.attributes),
    };
    for (const t of product.translations) {
      base[`title:${t.locale}`] = t.title;
      base[`description:${t.locale}`] = t.description;
    }
    const options = [...product.options].sort((a, b) => a.position - b.position);
    options.forEach((o, i) => (base[optionColumns(i + 1)[0]] = o.name));
    if (product.variants.length === 0) return [base];
    return product.variants.map((v) => {
      const row: Record<string, string> = {
        ...base,
        sku: v.sku,
        gtin: v.gtin ?? '',
        variant_title: v.title,
        weight_grams: v.weightGrams === null ? '' : String(v.weightGrams),
        variant_status: v.status,
        variant_attributes: json(v.attributes),
      };
      options.forEach((o, i) => (row[optionColumns(i + 1)[1]] = v.optionValues[o.name] ?? ''));
      for (const [code, amount] of extras.prices.get(v.id) ?? []) row[`price:${code}`] = amount;
      return row;
    });
  }
}
