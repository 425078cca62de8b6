import type { Knex } from 'knex';
import { CatalogTables as T } from './catalog.tables.js';
import { gtinShortForm } from './gtin.js';
import { inOrder } from '../../db/in-order.js';

interface DocRow {
  product_id: string;
  locale: string;
  title: string;
  description: string;
  brand: string;
  codes: string;
}

/** The `codes` text of a product: its SKUs and GTINs (14-digit and without leading zeros). */
export function searchCodes(variants: readonly { sku: string; gtin: string | null }[]): string {
  const codes = new Set<string>();
  for (const v of variants) {
    codes.add(v.sku);
    if (v.gtin) {
      codes.add(v.gtin);
      codes.add(gtinShortForm(v.gtin));
    }
  }
  return [...codes].join(' ');
}

/**
 * Rewrites `catalog_search_document` for these products from their current rows: one row with
 * locale '' (the default text) and one per translation. Call it with the transaction of the
 * product write, after the write, so the search index changes exactly when the product does.
 * Rows are updated in place when the (product, locale) row exists, so rowids stay stable for
 * the search index's triggers.
 */
export async function syncSearchDocuments(db: Knex | Knex.Transaction, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  const ids = [...new Set(productIds)];
  const [products, variants, translations, existing] = await inOrder(
    db(T.product).whereIn('id', ids).select('id', 'title', 'description', 'brand') as Promise<{ id: string; title: string; description: string; brand: string | null }[]>,
    db(T.variant).whereIn('product_id', ids).orderBy(['product_id', 'position']).select('product_id', 'sku', 'gtin') as Promise<{ product_id: string; sku: string; gtin: string | null }[]>,
    db(T.translation).whereIn('product_id', ids).select('product_id', 'locale', 'title', 'description') as Promise<{ product_id: string; locale: string; title: string; description: string }[]>,
    db(T.searchDocument).whereIn('product_id', ids).select('rowid', 'product_id', 'locale') as Promise<{ rowid: number; product_id: string; locale: string }[]>,
  );
  const wanted: DocRow[] = [];
  for (const p of products) {
    const codes = searchCodes(variants.filter((v) => v.product_id === p.id));
    const brand = p.brand ?? '';
    wanted.push({ product_id: p.id, locale: '', title: p.title, description: p.description, brand, codes });
    for (const t of translations.filter((tr) => tr.product_id === p.id)) {
      wanted.push({ product_id: p.id, locale: t.locale, title: t.title, description: t.description, brand, codes });
    }
  }
  const key = (r: { product_id: string; locale: string }) => `${r.product_id}\u0000${r.locale}`;
  const have = new Map(existing.map((r) => [key(r), r.rowid]));
  const keep = new Set(wanted.map(key));
  const stale = existing.filter((r) => !keep.has(key(r))).map((r) => r.rowid);
  if (stale.length > 0) await db(T.searchDocument).whereIn('rowid', stale).delete();
  const inserts: DocRow[] = [];
  for (const doc of wanted) {
    const rowid = have.get(key(doc));
    if (rowid === undefined) inserts.push(doc);
    else await db(T.searchDocument).where('rowid', rowid).update({ title: doc.title, description: doc.description, brand: doc.brand, codes: doc.codes });
  }
  if (inserts.length > 0) await db(T.searchDocument).insert(inserts);
}
