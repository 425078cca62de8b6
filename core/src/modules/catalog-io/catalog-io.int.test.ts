import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { exportProducts, importProducts } from '../../cli/catalog-io-commands.js';
import { CatalogAdmin } from '../search/__tests__/catalog-admin.js';
import type { RowError } from './catalog-csv.format.js';
import { CatalogExportService } from './catalog-export.service.js';
import { CatalogImportService, type ImportOptions } from './catalog-import.service.js';

function collect(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('catalog CSV import and export', () => {
  let env: TestEnvironment;
  let platformCode: string;
  let listCode: string;
  const importer = () => env.plaza.container.resolve(CatalogImportService);
  const exporter = () => env.plaza.container.resolve(CatalogExportService);
  const ctx = () => env.plaza.systemCtx();

  async function importCsv(csv: string, options: ImportOptions = {}) {
    const errors: RowError[] = [];
    const summary = await importer().importProducts(ctx(), Readable.from([csv]), { ...options, onError: (e) => void errors.push(e) });
    return { summary, errors };
  }

  async function exportCsv(): Promise<string> {
    const out = collect();
    await exporter().exportProducts(ctx(), out.stream, { batchSize: 2 });
    return out.text();
  }

  const handles = async () => ((await env.plaza.db('catalog_product').orderBy('handle').select('handle')) as { handle: string }[]).map((r) => r.handle);

  beforeAll(async () => {
    env = await createTestEnvironment();
    const admin = new CatalogAdmin(env);
    const platform = await admin.platform();
    platformCode = platform.code;
    listCode = `eur-${platform.id.slice(-6).toLowerCase()}`;
    await admin.priceList(listCode, [platform.id]);
    const clothing = await admin.category('clothing', 'Clothing');
    await admin.category('tops', 'Tops', clothing);
    await admin.collection('summer', 'Summer');
    await admin.attribute('material', 'ENUM', { values: ['linen', 'cotton'] });
    await admin.attribute('tags', 'STRING_LIST');
  });
  afterAll(() => env?.close());

  it('imports good products and reports bad rows by row and column, never half a product', async () => {
    const csv = [
      `handle,title,description,brand,status,categories,collections,platforms,option1_name,option1_value,sku,gtin,weight_grams,attr:material,attr:tags,title:es-ES,price:${listCode}`,
      `linen-shirt,Linen shirt,"Breathable, light",Nordvik,active,clothing/tops,summer,${platformCode},Size,M,LIN-M,4006381333931,200,linen,summer|beach,Camisa de lino,49.90`,
      `linen-shirt,,,,,,,,,L,LIN-L,,210,,,,54.90`,
      `bad-gtin,Bad GTIN,,,active,clothing,,,Size,S,BAD-S,,,,,,10.00`,
      `bad-gtin,,,,,,,,,M,BAD-M,4006381333932,,,,,12.00`,
      `bad-price,Bad price,,,active,,,,,,BP-1,,,,,,12.345`,
      `bad-category,Bad category,,,active,clothing/nope,,,,,BC-1,,,,,,`,
      `,No handle,,,,,,,,,NH-1,,,,,,`,
      `bad-repeat,Repeat,,,active,,,,Size,S,BR-S,,,,,,`,
      `bad-repeat,Another title,,,,,,,,M,BR-M,,,,,,`,
    ].join('\n');
    const { summary, errors } = await importCsv(csv);
    expect(summary).toMatchObject({ rows: 9, products: 5, created: 1, updated: 0, failed: 4 });
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => e.column);
    expect(at(5)).toEqual(['gtin']);
    expect(at(6)).toEqual([`price:${listCode}`]);
    expect(at(7)).toEqual(['categories']);
    expect(at(8)).toEqual(['handle']);
    expect(at(10)).toEqual(['title']);
    expect(await handles()).toEqual(['linen-shirt']);
    // Nothing of the product whose price was bad was written (its variant and product rolled back).
    expect(await env.plaza.db('catalog_variant').where('sku', 'BP-1').first()).toBeUndefined();
    const channelPrices = await env.plaza.db('pricing_price as p').join('catalog_variant as v', 'v.id', 'p.variant_id').orderBy('v.sku').select('v.sku', 'p.amount');
    expect(channelPrices.map((p: { sku: string; amount: number | string }) => [p.sku, Number(p.amount)])).toEqual([['LIN-L', 5490], ['LIN-M', 4990]]);
  });

  it('exports a file that imports back to identical data', async () => {
    const first = await exportCsv();
    expect(first.split('\n')[0]).toContain(`price:${listCode}`);
    expect(first).toContain('linen-shirt,Linen shirt,"Breathable, light",Nordvik,active,clothing/tops,summer');
    const again = await importCsv(first);
    expect(again.summary).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect(await exportCsv()).toBe(first);
    await env.plaza.db('catalog_product').delete();
    const fresh = await importCsv(first);
    expect(fresh.summary).toMatchObject({ created: 1, failed: 0 });
    expect(await exportCsv()).toBe(first);
  });

  it('checks everything and saves nothing on a dry run', async () => {
    const { summary, errors } = await importCsv(`handle,title,sku\ndry-one,Dry one,DRY-1\ndry-two,Dry two,DRY-1`, { dryRun: true });
    expect(summary).toMatchObject({ created: 2, failed: 0, dryRun: true });
    expect(errors).toEqual([]);
    expect(await handles()).not.toContain('dry-one');
  });

  it('streams a large file product by product', async () => {
    const products = 700;
    async function* lines() {
      yield `handle,title,brand,status,option1_name,option1_value,sku,price:${listCode}\n`;
      for (let i = 0; i < products; i++) {
        for (const size of ['S', 'M', 'L']) yield `bulk-${i},Bulk product ${i},Brand ${i % 7},active,Size,${size},BULK-${i}-${size},${(10 + (i % 50)).toFixed(2)}\n`;
      }
    }
    const progress: number[] = [];
    const summary = await importer().importProducts(ctx(), Readable.from(lines()), { onProgress: (p) => progress.push(p.rows) });
    expect(summary).toMatchObject({ rows: products * 3, products, created: products, failed: 0, errors: 0 });
    expect(progress.length).toBe(products);
    expect(progress.at(-1)).toBe(products * 3);
    expect(Number(((await env.plaza.db('catalog_variant').where('sku', 'like', 'BULK-%').count({ n: '*' })) as { n: number }[])[0]!.n)).toBe(products * 3);
  }, 180_000);

  it('runs from the CLI commands: a file in, an error report CSV out, an export file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-csv-'));
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, `handle,title,sku,gtin\ncli-ok,CLI ok,CLI-1,\ncli-bad,CLI bad,CLI-2,123\n`);
    const log: string[] = [];
    const stderr = Object.assign(new Writable({ write: (c: Buffer, _e, done) => (log.push(String(c)), done()) }), { isTTY: false }) as unknown as NodeJS.WriteStream;
    const summary = await importProducts(env.plaza, ctx(), file, { errors: path.join(dir, 'errors.csv') }, stderr);
    expect(summary).toMatchObject({ created: 1, failed: 1 });
    const report = fs.readFileSync(path.join(dir, 'errors.csv'), 'utf8').trim().split('\n');
    expect(report[0]).toBe('row,handle,column,message');
    expect(report[1]).toMatch(/^3,cli-bad,gtin,/);
    expect(log.join('')).toMatch(/import: \d+\/\d+ \(100%\)/);
    const out = await exportProducts(env.plaza, ctx(), path.join(dir, 'out.csv'));
    expect(out.products).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toContain('cli-ok,CLI ok');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file whose header is not the format', async () => {
    await expect(importCsv('handle,title,colour\nx,X,red')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
