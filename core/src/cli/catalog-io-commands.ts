import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify';
import type { Ctx } from '../kernel/context.js';
import type { Plaza } from '../kernel/plaza.js';
import { CatalogExportService, type ExportSummary } from '../modules/catalog-io/catalog-export.service.js';
import { CatalogImportService, type ImportSummary } from '../modules/catalog-io/catalog-import.service.js';
import { bootFromCli, type GlobalOptions } from './boot.js';
import { createProgress } from './progress.js';

/** Options of `plaza import products`. */
export interface ImportProductsOptions {
  errors?: string;
  dryRun?: boolean;
}

/** The error report columns (docs/catalog-io.md). */
const ERROR_COLUMNS = ['row', 'handle', 'column', 'message'];

/**
 * Imports a catalog CSV file as the system: streamed, one transaction per product, row errors
 * to `--errors <file>` (CSV) or stderr, a progress bar on a terminal (log lines otherwise).
 * Returns the summary; the caller prints it.
 */
export async function importProducts(plaza: Plaza, ctx: Ctx, file: string, options: ImportProductsOptions, stderr: NodeJS.WriteStream = process.stderr): Promise<ImportSummary> {
  const total = fs.statSync(file).size;
  const report = options.errors ? stringify({ header: true, columns: ERROR_COLUMNS }) : null;
  const reportFile = options.errors ? fs.createWriteStream(options.errors) : null;
  if (report && reportFile) report.pipe(reportFile);
  const progress = createProgress(stderr);
  try {
    return await plaza.container.resolve(CatalogImportService).importProducts(ctx, fs.createReadStream(file), {
      dryRun: options.dryRun,
      onError: (e) => {
        if (report) report.write([e.row, e.handle, e.column, e.message]);
        else stderr.write(`row ${e.row}${e.column ? `, column ${e.column}` : ''}${e.handle ? ` (${e.handle})` : ''}: ${e.message}\n`);
      },
      onProgress: (p) => progress.update('import', p.bytes, total),
    });
  } finally {
    progress.update('import', total, total);
    progress.stop();
    if (report && reportFile) {
      report.end();
      await finished(reportFile);
    }
  }
}

/** Exports the catalog as CSV to `target` (a file, or `-` for standard output). */
export async function exportProducts(plaza: Plaza, ctx: Ctx, target: string): Promise<ExportSummary> {
  const output: Writable = target === '-' ? process.stdout : fs.createWriteStream(target);
  const summary = await plaza.container.resolve(CatalogExportService).exportProducts(ctx, output);
  if (target !== '-') await finished(output);
  return summary;
}

async function importAction(file: string, options: ImportProductsOptions, command: Command): Promise<void> {
  const plaza = await bootFromCli(command.optsWithGlobals<GlobalOptions>(), process.env, { worker: false });
  try {
    await plaza.migrate();
    const s = await importProducts(plaza, plaza.systemCtx(), file, options);
    const verb = s.dryRun ? 'Checked (dry run, nothing saved)' : 'Imported';
    process.stdout.write(`${verb}: ${s.rows} rows, ${s.products} products — ${s.created} created, ${s.updated} updated, ${s.failed} failed (${s.errors} row errors${options.errors && s.errors > 0 ? `, see ${options.errors}` : ''}).\n`);
    if (s.failed > 0) process.exitCode = 1;
  } finally {
    await plaza.close();
  }
}

async function exportAction(target: string, _options: unknown, command: Command): Promise<void> {
  const plaza = await bootFromCli(command.optsWithGlobals<GlobalOptions>(), process.env, { worker: false });
  try {
    await plaza.migrate();
    const s = await exportProducts(plaza, plaza.systemCtx(), target);
    if (target !== '-') process.stdout.write(`Exported ${s.products} products (${s.rows} rows) to ${target}.\n`);
  } finally {
    await plaza.close();
  }
}

/**
 * Registers `plaza import products <file.csv> [--errors <errors.csv>] [--dry-run]` and
 * `plaza export products <file.csv|->` (docs/catalog-io.md).
 */
export function registerCatalogIoCommands(program: Command): void {
  const importCommand = program.command('import').description('import data from files');
  importCommand
    .command('products <file>')
    .description('import products from a catalog CSV file (one transaction per product; exits 1 when some failed)')
    .option('--errors <file>', 'write the per-row error report (CSV: row, handle, column, message) to this file instead of stderr')
    .option('--dry-run', 'check and write every product, then roll it back: nothing is saved')
    .action(importAction);
  const exportCommand = program.command('export').description('export data to files');
  exportCommand.command('products <file>').description('export every product as a catalog CSV file (- for standard output)').action(exportAction);
}
