import type { AttributeType } from '../catalog/catalog.records.js';
import type { ProductInput, VariantInput } from '../catalog/product.inputs.js';
import { optionColumns, parseDynamicColumn, splitAligned, splitList, PRODUCT_COLUMNS, type RowError } from './catalog-csv.format.js';

/** One parsed line of the file: its spreadsheet row number and its cells by column name. */
export interface CsvRow {
  row: number;
  cells: Record<string, string>;
}

/** A price cell of a variant row. */
export interface PriceCell {
  priceList: string;
  column: string;
  sku: string;
  row: number;
  amount: string;
}

/** One product of the file, ready for the catalog and pricing services, with where each part came from. */
export interface ProductImport {
  handle: string;
  input: ProductInput;
  firstRow: number;
  /** Row of `input.variants[i]`. */
  variantRows: number[];
  /** Locale of `input.translations[i]`. */
  translationLocales: string[];
  /** Collection handles (null: the file has no collections column; memberships are left alone). */
  collections: string[] | null;
  /** Platform codes it is published to (null: no platforms column; the assortment is left alone). */
  platforms: string[] | null;
  prices: PriceCell[];
}

/** The columns of the file, sorted into kinds (computed once from the header). */
export interface CsvLayout {
  columns: string[];
  options: number[];
  locales: string[];
  priceColumns: { column: string; priceList: string }[];
  attributeColumns: { column: string; code: string }[];
}

/** Sorts the header's columns into options, translations, prices and attributes. */
export function layoutOf(columns: string[]): CsvLayout {
  const options = new Set<number>();
  const locales = new Set<string>();
  const priceColumns: CsvLayout['priceColumns'] = [];
  const attributeColumns: CsvLayout['attributeColumns'] = [];
  for (const column of columns) {
    const d = parseDynamicColumn(column);
    if (d?.kind === 'option') options.add(d.index);
    if (d?.kind === 'translation') locales.add(d.locale);
    if (d?.kind === 'price') priceColumns.push({ column, priceList: d.priceList });
    if (d?.kind === 'attribute') attributeColumns.push({ column, code: d.code });
  }
  return { columns, options: [...options].sort((a, b) => a - b), locales: [...locales], priceColumns, attributeColumns };
}

function cell(row: CsvRow, column: string): string {
  return (row.cells[column] ?? '').trim();
}

function parseJsonObject(text: string, row: number, handle: string, column: string, errors: RowError[]): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  errors.push({ row, handle, column, message: 'must be a JSON object, e.g. {"material":"cotton"}' });
  return undefined;
}

/** A typed attribute value from an `attr:<code>` cell (the attribute's type decides). */
function attributeValue(text: string, type: AttributeType | undefined): unknown {
  switch (type) {
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'string_list':
      return splitList(text);
    default:
      return text;
  }
}

/** Product columns after the first row must be empty or repeat the first row's value. */
function checkRepeated(rows: CsvRow[], layout: CsvLayout, handle: string, errors: RowError[]): void {
  const productColumns = layout.columns.filter((c) => (PRODUCT_COLUMNS as readonly string[]).includes(c) || parseDynamicColumn(c)?.kind === 'translation' || parseDynamicColumn(c)?.kind === 'attribute' || /^option\d+_name$/.test(c));
  const first = rows[0]!;
  for (const row of rows.slice(1)) {
    for (const column of productColumns) {
      const value = cell(row, column);
      if (value !== '' && value !== cell(first, column)) errors.push({ row: row.row, handle, column, message: `differs from row ${first.row}; product columns must be empty or the same on every row of a handle` });
    }
  }
}

function buildVariants(rows: CsvRow[], layout: CsvLayout, handle: string, errors: RowError[]): { options: { name: string; values: string[] }[]; variants: VariantInput[]; variantRows: number[] } {
  const first = rows[0]!;
  const names = layout.options.map((n) => ({ n, name: cell(first, optionColumns(n)[0]) })).filter((o) => o.name !== '');
  const values = new Map(names.map((o) => [o.name, [] as string[]]));
  const variants: VariantInput[] = [];
  const variantRows: number[] = [];
  for (const row of rows) {
    const sku = cell(row, 'sku');
    const optionValues: Record<string, string> = {};
    for (const { n, name } of names) {
      const value = cell(row, optionColumns(n)[1]);
      if (!value) {
        if (sku) errors.push({ row: row.row, handle, column: optionColumns(n)[1], message: `is required: the product has the option "${name}"` });
        continue;
      }
      optionValues[name] = value;
      const list = values.get(name)!;
      if (!list.includes(value)) list.push(value);
    }
    if (!sku) {
      if (rows.length > 1 || Object.keys(optionValues).length > 0) errors.push({ row: row.row, handle, column: 'sku', message: 'is required on every row of a product with variants' });
      continue;
    }
    const weight = cell(row, 'weight_grams');
    let weightGrams: number | null = null;
    if (weight) {
      weightGrams = Number(weight);
      if (!Number.isInteger(weightGrams)) errors.push({ row: row.row, handle, column: 'weight_grams', message: 'must be a whole number of grams' });
    }
    const status = cell(row, 'variant_status').toLowerCase();
    variants.push({
      sku,
      gtin: cell(row, 'gtin') || null,
      title: cell(row, 'variant_title') || null,
      optionValues: names.length > 0 ? optionValues : null,
      weightGrams,
      status: (status || null) as VariantInput['status'],
      attributes: parseJsonObject(cell(row, 'variant_attributes'), row.row, handle, 'variant_attributes', errors),
    });
    variantRows.push(row.row);
  }
  return { options: names.map(({ name }) => ({ name, values: values.get(name)! })), variants, variantRows };
}

/**
 * Turns the rows of one handle into a product import: product fields from the first row,
 * one variant per row, options from the `option<n>_*` columns, translations, attributes
 * (the `attributes` JSON merged with `attr:<code>` cells typed by `attributeTypes`), prices.
 * Problems the file itself shows (bad JSON, a missing option value, product columns that
 * differ between rows) come back as row errors; the services check the rest.
 */
export function buildProductImport(rows: CsvRow[], layout: CsvLayout, attributeTypes: ReadonlyMap<string, AttributeType>): { product: ProductImport; errors: RowError[] } {
  const first = rows[0]!;
  const handle = cell(first, 'handle');
  const errors: RowError[] = [];
  checkRepeated(rows, layout, handle, errors);
  const attributes = parseJsonObject(cell(first, 'attributes'), first.row, handle, 'attributes', errors) ?? {};
  for (const { column, code } of layout.attributeColumns) {
    const text = cell(first, column);
    if (text) attributes[code] = attributeValue(text, attributeTypes.get(code));
  }
  const urls = splitList(cell(first, 'image_urls'));
  const alts = splitAligned(cell(first, 'image_alts'));
  const translationLocales = layout.locales.filter((l) => cell(first, `title:${l}`) || cell(first, `description:${l}`));
  const { options, variants, variantRows } = buildVariants(rows, layout, handle, errors);
  const status = cell(first, 'status').toLowerCase();
  const input: ProductInput = {
    handle,
    title: cell(first, 'title'),
    description: cell(first, 'description'),
    brand: cell(first, 'brand') || null,
    status: (status || null) as ProductInput['status'],
    attributes,
    options,
    categoryPaths: splitList(cell(first, 'categories')),
    media: urls.map((url, i) => ({ url, alt: alts[i] ?? '' })),
    translations: translationLocales.map((locale) => ({ locale, title: cell(first, `title:${locale}`), description: cell(first, `description:${locale}`) })),
    variants,
  };
  const prices: PriceCell[] = [];
  for (const row of rows) {
    const sku = cell(row, 'sku');
    for (const { column, priceList } of layout.priceColumns) {
      const amount = cell(row, column);
      if (!amount) continue;
      if (!sku) errors.push({ row: row.row, handle, column, message: 'a price needs a variant (sku) on the same row' });
      else prices.push({ priceList, column, sku, row: row.row, amount });
    }
  }
  const has = (c: string) => layout.columns.includes(c);
  return {
    product: {
      handle,
      input,
      firstRow: first.row,
      variantRows,
      translationLocales,
      collections: has('collections') ? splitList(cell(first, 'collections')) : null,
      platforms: has('platforms') ? splitList(cell(first, 'platforms')) : null,
      prices,
    },
    errors,
  };
}
