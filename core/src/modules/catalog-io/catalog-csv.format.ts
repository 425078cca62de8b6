/**
 * The catalog CSV format (docs/catalog-io.md): one row per variant; rows of one product share
 * its `handle` and are consecutive. Product columns may be repeated on every row of the handle
 * or given on its first row only.
 */

/** Product-level columns, in the order the export writes them. */
export const PRODUCT_COLUMNS = ['handle', 'title', 'description', 'brand', 'status', 'categories', 'collections', 'platforms', 'image_urls', 'image_alts', 'attributes'] as const;
/** Variant-level columns, written after the options. */
export const VARIANT_COLUMNS = ['sku', 'gtin', 'variant_title', 'weight_grams', 'variant_status', 'variant_attributes'] as const;

/** Separator of list cells (categories, collections, platforms, image URLs and alts, string-list attributes). */
export const LIST_SEPARATOR = '|';
/** Most options (option1…optionN) a product may have. */
export const MAX_OPTIONS = 10;

/** `option<n>_name` / `option<n>_value`. */
export function optionColumns(n: number): [string, string] {
  return [`option${n}_name`, `option${n}_value`];
}

/** A dynamic column: `title:<locale>`, `description:<locale>`, `price:<list code>` or `attr:<code>`. */
export type DynamicColumn =
  | { kind: 'translation'; field: 'title' | 'description'; locale: string }
  | { kind: 'price'; priceList: string }
  | { kind: 'attribute'; code: string }
  | { kind: 'option'; index: number; part: 'name' | 'value' };

/** Reads a dynamic column name; null for a fixed or unknown column. */
export function parseDynamicColumn(name: string): DynamicColumn | null {
  const option = /^option(\d+)_(name|value)$/.exec(name);
  if (option) return { kind: 'option', index: Number(option[1]), part: option[2] as 'name' | 'value' };
  const colon = name.indexOf(':');
  if (colon <= 0) return null;
  const prefix = name.slice(0, colon);
  const rest = name.slice(colon + 1).trim();
  if (!rest) return null;
  if (prefix === 'title' || prefix === 'description') return { kind: 'translation', field: prefix, locale: rest };
  if (prefix === 'price') return { kind: 'price', priceList: rest };
  if (prefix === 'attr') return { kind: 'attribute', code: rest };
  return null;
}

/** Splits a list cell ("a|b|c") into trimmed, non-empty items. */
export function splitList(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Splits a list cell keeping empty items in place (image alts line up with image URLs). */
export function splitAligned(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell.split(LIST_SEPARATOR).map((s) => s.trim());
}

/** One problem with one cell (or row) of an import file. */
export interface RowError {
  /** Spreadsheet row number: the header is row 1, the first product row is row 2. */
  row: number;
  handle: string;
  /** The column, or '' when the problem is the whole row. */
  column: string;
  message: string;
}
