import type { FieldError } from '../../kernel/errors.js';
import type { RowError } from './catalog-csv.format.js';
import type { CsvLayout, ProductImport } from './csv-product-group.js';

const PRODUCT_FIELD_COLUMNS: Record<string, string> = {
  handle: 'handle',
  title: 'title',
  description: 'description',
  brand: 'brand',
  status: 'status',
  categoryPaths: 'categories',
  categoryIds: 'categories',
  options: 'option1_name',
};

const VARIANT_FIELD_COLUMNS: Record<string, string> = {
  sku: 'sku',
  gtin: 'gtin',
  title: 'variant_title',
  weightGrams: 'weight_grams',
  status: 'variant_status',
  attributes: 'variant_attributes',
  optionValues: 'option1_value',
};

/** The column of product attribute `code`: its `attr:<code>` column when the file has one. */
function attributeColumn(layout: CsvLayout, code: string | undefined): string {
  return layout.attributeColumns.find((a) => a.code === code)?.column ?? 'attributes';
}

/**
 * Places a field error of the catalog service (`variants.2.gtin`, `translations.0.title`,
 * `attributes.material`, `media.1.url`, …) on the row and column of the file it came from.
 */
export function productFieldToRow(field: FieldError, product: ProductImport, layout: CsvLayout): RowError {
  const parts = field.path.split('.');
  const at = (row: number, column: string): RowError => ({ row, handle: product.handle, column, message: field.message });
  const index = Number(parts[1]);
  switch (parts[0]) {
    case 'variants': {
      const row = product.variantRows[index] ?? product.firstRow;
      const column = VARIANT_FIELD_COLUMNS[parts[2] ?? ''] ?? 'sku';
      return at(row, column);
    }
    case 'translations': {
      const locale = product.translationLocales[index] ?? '';
      return at(product.firstRow, parts[2] === 'description' ? `description:${locale}` : `title:${locale}`);
    }
    case 'media':
      return at(product.firstRow, parts[2] === 'alt' ? 'image_alts' : 'image_urls');
    case 'attributes':
      return at(product.firstRow, attributeColumn(layout, parts[1]));
    case 'options': {
      const n = layout.options[index];
      return at(product.firstRow, n === undefined ? 'option1_name' : `option${n}_name`);
    }
    default:
      return at(product.firstRow, PRODUCT_FIELD_COLUMNS[parts[0] ?? ''] ?? '');
  }
}

/** Places a field error of the pricing service (`prices.<i>.…`) on the row and price column of `cells[i]`. */
export function priceFieldToRow(field: FieldError, product: ProductImport, cells: readonly { row: number; column: string }[]): RowError {
  const index = Number(field.path.split('.')[1]);
  const target = cells[index];
  return { row: target?.row ?? product.firstRow, handle: product.handle, column: target?.column ?? '', message: field.message };
}
