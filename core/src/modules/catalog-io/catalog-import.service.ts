import type { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { inject, injectable } from 'tsyringe';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors as plazaErrors } from '../../kernel/errors.js';
import { inTransaction } from '../../db/transaction.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { PriceService } from '../pricing/price.service.js';
import { parseDynamicColumn, PRODUCT_COLUMNS, VARIANT_COLUMNS, type RowError } from './catalog-csv.format.js';
import { CatalogIoPermission as P } from './catalog-io.permissions.js';
import { loadLookups, type CatalogIoLookups } from './catalog-io.lookups.js';
import { buildProductImport, layoutOf, type CsvLayout, type CsvRow } from './csv-product-group.js';
import { checkReferences, ProductRejected, writeProduct } from './product-import.writer.js';

/** How an import went. */
export interface ImportSummary {
  /** Data rows read (the header not counted). */
  rows: number;
  /** Products (handles) seen. */
  products: number;
  created: number;
  updated: number;
  /** Products not imported (nothing of them was written). */
  failed: number;
  /** Row errors reported. */
  errors: number;
  dryRun: boolean;
}

/** Where an import is, for a progress display. */
export interface ImportProgress {
  rows: number;
  products: number;
  failed: number;
  /** Bytes of the file parsed so far. */
  bytes: number;
}

/** Options of an import. */
export interface ImportOptions {
  /** Check and write every product, then roll each back: nothing is saved. */
  dryRun?: boolean;
  /** Called with every row error (e.g. to write the error report). */
  onError?: (error: RowError) => void | Promise<void>;
  /** Called after every product. */
  onProgress?: (progress: ImportProgress) => void;
}

class DryRunRollback extends Error {}

const KNOWN_COLUMNS = new Set<string>([...PRODUCT_COLUMNS, ...VARIANT_COLUMNS]);

function checkHeader(columns: string[]): CsvLayout {
  const unknown = columns.filter((c) => !KNOWN_COLUMNS.has(c) && parseDynamicColumn(c) === null);
  const problems = unknown.map((c) => ({ path: `columns.${c}`, message: 'is not a column of the catalog CSV format' }));
  if (!columns.includes('handle')) problems.push({ path: 'columns.handle', message: 'is required' });
  if (problems.length > 0) throw plazaErrors.badInput(`The file's header is not the catalog CSV format: ${problems.map((p) => `${p.path.slice(8)} ${p.message}`).join('; ')}`, problems, 'CATALOG_CSV_HEADER_INVALID');
  return layoutOf(columns);
}

/**
 * Imports products from a catalog CSV stream (docs/catalog-io.md), streamed: rows are parsed
 * one at a time and each product (the consecutive rows of one handle) is written in its own
 * transaction — the product, its assortment, collections and prices all, or nothing of it.
 * Problems are reported per row and column through `onError`; the import goes on with the
 * next product. Needs `catalog.import` (and what it writes needs its own permissions).
 */
@injectable()
export class CatalogImportService {
  constructor(
    @inject(CatalogService) private readonly catalog: CatalogService,
    @inject(PriceService) private readonly prices: PriceService,
  ) {}

  async importProducts(ctx: Ctx, source: Readable, options: ImportOptions = {}): Promise<ImportSummary> {
    requirePermission(ctx, P.Import);
    const summary: ImportSummary = { rows: 0, products: 0, created: 0, updated: 0, failed: 0, errors: 0, dryRun: options.dryRun === true };
    const lookups = await loadLookups(ctx);
    const report = async (list: RowError[]) => {
      summary.errors += list.length;
      for (const e of list) await options.onError?.(e);
    };
    let layout: CsvLayout | null = null;
    const parser = source.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
    const seen = new Set<string>();
    let group: CsvRow[] = [];
    let bytes = 0;
    const flush = async () => {
      if (group.length === 0) return;
      const rows = group;
      group = [];
      summary.products++;
      const ok = await this.importGroup(ctx, rows, layout!, lookups, summary, report, options.dryRun === true);
      if (!ok) summary.failed++;
      options.onProgress?.({ rows: summary.rows, products: summary.products, failed: summary.failed, bytes });
    };
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      layout ??= checkHeader(Object.keys(record));
      summary.rows++;
      bytes = info.bytes;
      const row: CsvRow = { row: summary.rows + 1, cells: record };
      const handle = (record.handle ?? '').trim();
      if (!handle) {
        await report([{ row: row.row, handle: '', column: 'handle', message: 'is required on every row' }]);
        continue;
      }
      if (group.length > 0 && (group[0]!.cells.handle ?? '').trim() !== handle) await flush();
      if (group.length === 0 && seen.has(handle)) {
        await report([{ row: row.row, handle, column: 'handle', message: 'appears again after other products: the rows of one product must be consecutive' }]);
        continue;
      }
      seen.add(handle);
      group.push(row);
    }
    await flush();
    return summary;
  }

  /** Imports the rows of one handle; false when it failed (row errors reported, nothing written). */
  private async importGroup(ctx: Ctx, rows: CsvRow[], layout: CsvLayout, lookups: CatalogIoLookups, summary: ImportSummary, report: (e: RowError[]) => Promise<void>, dryRun: boolean): Promise<boolean> {
    const { product, errors } = buildProductImport(rows, layout, lookups.attributeTypes);
    errors.push(...checkReferences(product, lookups));
    if (errors.length > 0) {
      await report(errors);
      return false;
    }
    try {
      const { created } = await inTransaction(ctx, async (trx) => {
        const result = await writeProduct(trx, product, layout, lookups, { catalog: this.catalog, prices: this.prices });
        if (dryRun) throw new DryRunRollback(result.created ? 'created' : 'updated');
        return result;
      });
      if (created) summary.created++;
      else summary.updated++;
      return true;
    } catch (error) {
      if (error instanceof DryRunRollback) {
        if (error.message === 'created') summary.created++;
        else summary.updated++;
        return true;
      }
      if (error instanceof ProductRejected) {
        await report(error.errors);
        return false;
      }
      throw error;
    }
  }
}
