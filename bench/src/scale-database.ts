import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { createPlaza, resolveConfig } from '@plaza/core';
import { createTestDatabase } from '@plaza/core/testing';

/** A database seeded with `plaza seed --scale N`, copied fresh for every scenario that uses it. */
export interface ScaleDatabase {
  /** A `DATABASE_URL` of a fresh copy (scenarios write: reservations). */
  copy(): Promise<{ url: string; drop(): Promise<void> }>;
  /** A demo platform's publishable key in that database. */
  platformKey: string;
  /** The demo owner's credentials in that database. */
  admin: { email: string; password: string };
  products: number;
}

interface CacheEntry {
  platformKey: string;
  admin: { email: string; password: string };
  products: number;
  seedSeconds: number;
}

const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.cache');
const SECRET = 'bench-secret-0123456789abcdef';

function pgServer(): string | undefined {
  return process.env.PLAZA_BENCH_DATABASE_URL;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function pgAdmin<T>(serverUrl: string, run: (db: knexFactory.Knex) => Promise<T>): Promise<T> {
  const db = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** Migrates and seeds (demo + scale) the database at `url`; returns the demo key. */
async function seed(url: string, products: number): Promise<CacheEntry> {
  const started = Date.now();
  const plaza = await createPlaza(resolveConfig({ port: 0, databaseUrl: url, secret: SECRET, logLevel: 'warn', worker: false }, {}));
  try {
    await plaza.migrate();
    const { report } = await plaza.seed({ demo: true });
    let shown = 0;
    await plaza.seedScale({
      products,
      variantsPerProduct: 3,
      locations: 20,
      progress: (label, done, total) => {
        if (Date.now() - shown < 5_000 && done < total) return;
        shown = Date.now();
        process.stdout.write(`\n    scale seed: ${label} ${done}/${total}`);
      },
    });
    const key = report.platforms[0]?.key;
    if (!key || !report.admin) throw new Error('the demo seed made no platform key or no admin');
    return { platformKey: key, admin: report.admin, products, seedSeconds: Math.round((Date.now() - started) / 100) / 10 };
  } finally {
    await plaza.close();
  }
}

/** What identifies a seeded database: the scale and every migration name (a schema change reseeds). */
async function fingerprint(products: number): Promise<string> {
  const probe = await createTestDatabase('sqlite');
  const plaza = await createPlaza(resolveConfig({ port: 0, databaseUrl: probe.url, secret: SECRET, logLevel: 'warn', worker: false }, {}));
  try {
    const status = await plaza.migrationStatus();
    const names = [...status.pending, ...status.applied].sort();
    return crypto.createHash('sha256').update(`${products}\n${names.join('\n')}`).digest('hex').slice(0, 12);
  } finally {
    await plaza.close();
    await probe.drop();
  }
}

/**
 * The scale database for `products`, built once and cached (SQLite: a file under bench/.cache;
 * PostgreSQL: a template database) until the migrations change. `rebuild` forces a new seed.
 */
export async function prepareScaleDatabase(products: number, rebuild = false): Promise<ScaleDatabase> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const id = await fingerprint(products);
  const server = pgServer();
  const metaFile = path.join(cacheDir, `scale-${server ? 'pg' : 'sqlite'}-${id}.json`);
  const templateFile = path.join(cacheDir, `scale-${id}.sqlite`);
  const templateName = `plaza_bench_${id}`;
  let entry: CacheEntry | undefined = !rebuild && fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CacheEntry) : undefined;
  if (server && entry) {
    const exists = await pgAdmin(server, async (db) => (await db.raw('select 1 from pg_database where datname = ?', [templateName])).rows.length > 0);
    if (!exists) entry = undefined;
  }
  if (!server && entry && !fs.existsSync(templateFile)) entry = undefined;
  if (entry && !entry.admin) entry = undefined;
  if (!entry) {
    process.stdout.write(`  seeding ${products} products × 3 variants over 20 locations (cached for later runs)…`);
    if (server) {
      await pgAdmin(server, async (db) => {
        await db.raw(`drop database if exists "${templateName}" with (force)`);
        await db.raw(`create database "${templateName}"`);
      });
      entry = await seed(withDatabase(server, templateName), products);
    } else {
      fs.rmSync(templateFile, { force: true });
      entry = await seed(`sqlite:${templateFile}`, products);
    }
    fs.writeFileSync(metaFile, `${JSON.stringify(entry, null, 2)}\n`);
    console.log(`\n  seeded in ${entry.seedSeconds} s`);
  }
  return {
    platformKey: entry.platformKey,
    admin: entry.admin,
    products,
    async copy() {
      if (server) {
        const name = `plaza_bench_run_${crypto.randomBytes(4).toString('hex')}`;
        await pgAdmin(server, (db) => db.raw(`create database "${name}" template "${templateName}"`));
        return { url: withDatabase(server, name), drop: () => pgAdmin(server, async (db) => void (await db.raw(`drop database if exists "${name}" with (force)`))) };
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-'));
      const file = path.join(dir, 'plaza.sqlite');
      fs.copyFileSync(templateFile, file);
      return { url: `sqlite:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  };
}
