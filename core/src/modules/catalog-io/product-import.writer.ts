import type { Ctx } from '../../kernel/context.js';
import { isPlazaError, type FieldError } from '../../kernel/errors.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import type { PriceService } from '../pricing/price.service.js';
import type { RowError } from './catalog-csv.format.js';
import type { CatalogIoLookups } from './catalog-io.lookups.js';
import { priceFieldToRow, productFieldToRow } from './csv-field-errors.js';
import type { CsvLayout, ProductImport } from './csv-product-group.js';

/** Thrown inside a product's transaction to roll it back with row errors (or after a dry run). */
export class ProductRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super('product rejected');
  }
}

/** The row errors of references the file makes to things that do not exist (checked before any write). */
export function checkReferences(product: ProductImport, lookups: CatalogIoLookups): RowError[] {
  const errors: RowError[] = [];
  const at = (column: string, message: string, row = product.firstRow) => errors.push({ row, handle: product.handle, column, message });
  for (const code of product.platforms ?? []) if (!lookups.platformIds.has(code)) at('platforms', `"${code}" is not a platform code`);
  for (const handle of product.collections ?? []) if (!lookups.collectionIds.has(handle)) at('collections', `"${handle}" is not a collection handle`);
  for (const price of product.prices) if (!lookups.priceLists.has(price.priceList)) at(price.column, `"${price.priceList}" is not a price list code`, price.row);
  return errors;
}

/** Service field errors (or a plain message) as row errors. */
function toRowErrors(error: unknown, product: ProductImport, place: (f: FieldError) => RowError): RowError[] {
  if (!isPlazaError(error)) throw error;
  if (error.fields && error.fields.length > 0) return error.fields.map(place);
  return [{ row: product.firstRow, handle: product.handle, column: '', message: error.message }];
}

/**
 * Writes one product of the file inside the caller's transaction `trx`: the product through
 * the catalog's `upsertProductByHandle`, its assortment (publish/withdraw to match the
 * `platforms` column), its collections and its prices through the pricing service. Any
 * problem throws {@link ProductRejected} with row errors, so the caller's transaction rolls
 * the whole product back.
 */
export async function writeProduct(
  trx: Ctx,
  product: ProductImport,
  layout: CsvLayout,
  lookups: CatalogIoLookups,
  services: { catalog: CatalogService; prices: PriceService },
): Promise<{ created: boolean }> {
  let created: boolean;
  let productId: string;
  try {
    const result = await services.catalog.upsertProductByHandle(trx, product.input);
    created = result.created;
    productId = result.product.id;
  } catch (error) {
    throw new ProductRejected(toRowErrors(error, product, (f) => productFieldToRow(f, product, layout)));
  }
  try {
    if (product.platforms) await syncPlatforms(trx, productId, product.platforms.map((c) => lookups.platformIds.get(c)!), services.catalog);
    if (product.collections) await syncCollections(trx, productId, product.collections.map((h) => lookups.collectionIds.get(h)!));
  } catch (error) {
    throw new ProductRejected(toRowErrors(error, product, (f) => ({ row: product.firstRow, handle: product.handle, column: 'platforms', message: `${f.path} ${f.message}` })));
  }
  await writePrices(trx, product, lookups, services);
  return { created };
}

async function syncPlatforms(trx: Ctx, productId: string, wanted: string[], catalog: CatalogService): Promise<void> {
  const current = ((await trx.db(C.productPlatform).where('product_id', productId).select('platform_id')) as { platform_id: string }[]).map((r) => r.platform_id);
  const add = wanted.filter((id) => !current.includes(id));
  const remove = current.filter((id) => !wanted.includes(id));
  if (add.length > 0) await catalog.publish(trx, { productId, platformIds: add });
  if (remove.length > 0) await catalog.unpublish(trx, { productId, platformIds: remove });
}

/** Makes the product a member of exactly these collections (new memberships go last in their collection). */
async function syncCollections(trx: Ctx, productId: string, wanted: string[]): Promise<void> {
  const current = ((await trx.db(C.collectionProduct).where('product_id', productId).select('collection_id')) as { collection_id: string }[]).map((r) => r.collection_id);
  const remove = current.filter((id) => !wanted.includes(id));
  if (remove.length > 0) await trx.db(C.collectionProduct).where('product_id', productId).whereIn('collection_id', remove).delete();
  for (const collectionId of wanted.filter((id) => !current.includes(id))) {
    const row = (await trx.db(C.collectionProduct).where('collection_id', collectionId).max({ last: 'position' }).first()) as { last: number | null } | undefined;
    await trx.db(C.collectionProduct).insert({ collection_id: collectionId, product_id: productId, position: Number(row?.last ?? -1) + 1 });
  }
}

async function writePrices(trx: Ctx, product: ProductImport, lookups: CatalogIoLookups, services: { catalog: CatalogService; prices: PriceService }): Promise<void> {
  if (product.prices.length === 0) return;
  const variants = await services.catalog.variantsBySkus(trx, product.prices.map((p) => p.sku));
  const byList = new Map<string, typeof product.prices>();
  for (const price of product.prices) byList.set(price.priceList, [...(byList.get(price.priceList) ?? []), price]);
  for (const [code, cells] of byList) {
    const list = lookups.priceLists.get(code)!;
    try {
      await services.prices.setPrices(trx, list.id, cells.map((c) => ({ variantId: variants.get(c.sku)!.id, amountDecimal: c.amount })));
    } catch (error) {
      throw new ProductRejected(toRowErrors(error, product, (f) => priceFieldToRow(f, product, cells)));
    }
  }
}
