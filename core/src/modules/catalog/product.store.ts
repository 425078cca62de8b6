import type { Knex } from 'knex';
import { fromJson, toJson } from '../../db/json-column.js';
import { PlazaError, type FieldError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { TaxCategory } from '../tax/tax-engine.js';
import { CatalogTables as T } from './catalog.tables.js';
import type { AttributeDefinition, AttributeRow, ProductRow, VariantRow } from './catalog.records.js';
import { toAttribute } from './catalog.records.js';
import type { ProductDraft } from './product-draft.js';
import { syncSearchDocuments } from './search-document.writer.js';
import { inOrder } from '../../db/in-order.js';

type Db = Knex | Knex.Transaction;

/** Every attribute definition (a small table; read once per write). */
export async function loadAttributeDefinitions(db: Db): Promise<AttributeDefinition[]> {
  return ((await db(T.attribute).select('*')) as AttributeRow[]).map(toAttribute);
}

/** The product row with this id, or undefined. */
export async function findProductRow(db: Db, id: string): Promise<ProductRow | undefined> {
  return (await db(T.product).where('id', id).first()) as ProductRow | undefined;
}

/** A stored product as a draft (every child list), for edits that change part of it. */
export async function loadDraft(db: Db, row: ProductRow): Promise<ProductDraft> {
  const [options, variants, categories, media, translations] = await inOrder(
    db(T.option).where('product_id', row.id).orderBy('position').select('name', 'values') as Promise<{ name: string; values: unknown }[]>,
    db(T.variant).where('product_id', row.id).orderBy('position').select('*') as Promise<VariantRow[]>,
    db(T.productCategory).where('product_id', row.id).select('category_id') as Promise<{ category_id: string }[]>,
    db(T.media).where('product_id', row.id).orderBy('position').select('url', 'alt') as Promise<{ url: string; alt: string }[]>,
    db(T.translation).where('product_id', row.id).orderBy('locale').select('locale', 'title', 'description') as Promise<{ locale: string; title: string; description: string }[]>,
  );
  return {
    handle: row.handle,
    title: row.title,
    description: row.description,
    brand: row.brand,
    status: row.status,
    attributes: fromJson(row.attributes) ?? {},
    options: options.map((o) => ({ name: o.name, values: fromJson<string[]>(o.values) ?? [] })),
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      gtin: v.gtin,
      title: v.title,
      optionValues: fromJson<Record<string, string>>(v.option_values) ?? {},
      attributes: fromJson(v.attributes) ?? {},
      weightGrams: v.weight_grams === null ? null : Number(v.weight_grams),
      taxCategory: (v.tax_category ?? 'standard') as TaxCategory,
      status: v.status,
    })),
    categoryIds: categories.map((c) => c.category_id),
    categoryPaths: [],
    media,
    translations,
  };
}

/**
 * Resolves category ids (must exist) and handle paths ("clothing/tops": the last handle names
 * the category, the ones before must be its ancestors, in order) into `draft.categoryIds`.
 */
export async function resolveCategories(db: Db, draft: ProductDraft): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  const ids = [...new Set(draft.categoryIds)];
  const paths = draft.categoryPaths.map((p) => p.split('/').map((h) => h.trim()).filter(Boolean));
  const handles = [...new Set(paths.flat())];
  const rows = (await db(T.category)
    .where((q) => {
      q.whereIn('id', ids.length ? ids : ['']);
      if (handles.length) q.orWhereIn('handle', handles);
    })
    .select('id', 'handle', 'path')) as { id: string; handle: string; path: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byHandle = new Map(rows.map((r) => [r.handle, r]));
  draft.categoryIds.forEach((id, i) => {
    if (!byId.has(id)) fields.push({ path: `categoryIds.${i}`, message: `category ${id} does not exist` });
  });
  paths.forEach((handlesOfPath, i) => {
    const leaf = byHandle.get(handlesOfPath.at(-1) ?? '');
    if (!leaf) {
      fields.push({ path: `categoryPaths.${i}`, message: `no category has the handle "${handlesOfPath.at(-1) ?? ''}"` });
      return;
    }
    const expected = `/${handlesOfPath.map((h) => byHandle.get(h)?.id ?? '?').join('/')}/`;
    if (leaf.path !== expected) {
      fields.push({ path: `categoryPaths.${i}`, message: `"${handlesOfPath.join('/')}" is not a path of the category tree` });
      return;
    }
    ids.push(leaf.id);
  });
  draft.categoryIds = [...new Set(ids)];
  return fields;
}

/**
 * CONFLICT when the handle, a SKU or a GTIN of the draft belongs to another product, with a
 * reason (PRODUCT_HANDLE_TAKEN, VARIANT_SKU_TAKEN, VARIANT_GTIN_TAKEN) and every field.
 */
export async function assertUnique(db: Db, productId: string | null, draft: ProductDraft): Promise<void> {
  const handleOwner = (await db(T.product).where('handle', draft.handle).first('id')) as { id: string } | undefined;
  const skus = draft.variants.map((v) => v.sku);
  const gtins = draft.variants.map((v) => v.gtin).filter((g): g is string => g !== null);
  const taken = (await db(T.variant)
    .where((q) => {
      q.whereIn('sku', skus.length ? skus : ['']);
      if (gtins.length) q.orWhereIn('gtin', gtins);
    })
    .modify((q) => {
      if (productId) q.whereNot('product_id', productId);
    })
    .select('sku', 'gtin', 'product_id')) as { sku: string; gtin: string | null; product_id: string }[];
  const fields: FieldError[] = [];
  const reasons: string[] = [];
  if (handleOwner && handleOwner.id !== productId) {
    fields.push({ path: 'handle', message: 'is already used by another product' });
    reasons.push('PRODUCT_HANDLE_TAKEN');
  }
  draft.variants.forEach((v, i) => {
    const bySku = taken.find((t) => t.sku === v.sku);
    if (bySku) fields.push({ path: `variants.${i}.sku`, message: `is already used by a variant of product ${bySku.product_id}` });
    const byGtin = v.gtin ? taken.find((t) => t.gtin === v.gtin) : undefined;
    if (byGtin) fields.push({ path: `variants.${i}.gtin`, message: `is already used by a variant of product ${byGtin.product_id}` });
    if (bySku) reasons.push('VARIANT_SKU_TAKEN');
    if (byGtin) reasons.push('VARIANT_GTIN_TAKEN');
  });
  if (fields.length > 0) {
    throw new PlazaError('CONFLICT', `Already in use: ${fields.map((f) => f.path).join(', ')}`, { reason: reasons[0], fields });
  }
}

/**
 * Writes a checked draft: the product row, and its options, variants (existing ids updated,
 * new ones inserted, missing ones deleted), categories, media and translations replaced; then
 * the search documents, all with `db` (the caller's transaction). Returns the product id.
 */
export async function writeDraft(db: Db, productId: string | null, draft: ProductDraft, now = Date.now()): Promise<string> {
  const id = productId ?? newId('prod');
  const columns = { handle: draft.handle, title: draft.title, description: draft.description, brand: draft.brand, status: draft.status, attributes: toJson(draft.attributes), updated_at: now };
  if (productId) await db(T.product).where('id', id).update(columns);
  else await db(T.product).insert({ id, ...columns, created_at: now });

  await db(T.option).where('product_id', id).delete();
  if (draft.options.length) {
    await db(T.option).insert(draft.options.map((o, position) => ({ id: newId('opt'), product_id: id, name: o.name, position, values: toJson(o.values) })));
  }
  await writeVariants(db, id, draft, now);
  await db(T.productCategory).where('product_id', id).delete();
  if (draft.categoryIds.length) await db(T.productCategory).insert(draft.categoryIds.map((categoryId) => ({ product_id: id, category_id: categoryId })));
  await db(T.media).where('product_id', id).delete();
  if (draft.media.length) {
    await db(T.media).insert(draft.media.map((m, position) => ({ id: newId('med'), product_id: id, variant_id: null, url: m.url, alt: m.alt, position })));
  }
  await db(T.translation).where('product_id', id).delete();
  if (draft.translations.length) await db(T.translation).insert(draft.translations.map((t) => ({ product_id: id, ...t })));
  await syncSearchDocuments(db, [id]);
  return id;
}

async function writeVariants(db: Db, productId: string, draft: ProductDraft, now: number): Promise<void> {
  const existing = new Set(((await db(T.variant).where('product_id', productId).select('id')) as { id: string }[]).map((r) => r.id));
  const keep = new Set(draft.variants.map((v) => v.id).filter((v): v is string => v !== null && existing.has(v)));
  const gone = [...existing].filter((v) => !keep.has(v));
  if (gone.length) await db(T.variant).whereIn('id', gone).delete();
  // Free the SKUs and GTINs being reassigned between kept variants before writing the new values.
  if (keep.size > 1) await db(T.variant).whereIn('id', [...keep]).update({ sku: db.raw("'~' || id"), gtin: null });
  const inserts: Record<string, unknown>[] = [];
  for (const [position, v] of draft.variants.entries()) {
    const columns = {
      sku: v.sku,
      gtin: v.gtin,
      title: v.title ?? draft.title,
      position,
      option_values: toJson(v.optionValues),
      attributes: toJson(v.attributes ?? {}),
      weight_grams: v.weightGrams,
      tax_category: v.taxCategory ?? 'standard',
      status: v.status,
      updated_at: now,
    };
    if (v.id && keep.has(v.id)) await db(T.variant).where('id', v.id).update(columns);
    else inserts.push({ id: v.id ?? newId('var'), product_id: productId, ...columns, created_at: now });
  }
  if (inserts.length) await db(T.variant).insert(inserts);
}
