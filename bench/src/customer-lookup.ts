import { createCtx, createPlaza, CustomerLookup, resolveConfig, unscopedGrant } from '@plaza/core';
import type { ScenarioResult } from './run-scenario.js';
import type { ScaleDatabase } from './scale-database.js';

/** Identities looked up (random existing customers, per kind). */
const SAMPLE = 2_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * customer-lookup: the server time of a staff lookup (POS clienteling, call center) at scale —
 * `CustomerLookup.lookup` by phone (typed the national way, `6xx xxx xxx`) and by e-mail (in
 * capitals), alternating, over random customers of the scale database (4 × products customers,
 * 200,000 at the default scale), measured in-process (no HTTP) on a copy of that database and
 * timed with `process.hrtime`. Each lookup returns the profile, identities, lifetime figures and
 * the five latest timeline entries. Target: p50 under 2 ms on SQLite.
 */
export async function customerLookup(durationSeconds: number, scaleDb?: ScaleDatabase): Promise<ScenarioResult> {
  if (!scaleDb) throw new Error('customer-lookup runs on the scale database');
  const database = await scaleDb.copy();
  const plaza = await createPlaza(resolveConfig({ databaseUrl: database.url, secret: 'bench-secret-0123456789abcdef', logLevel: 'warn', worker: false }, {}));
  try {
    const customers = Number(((await plaza.db('customer').count('* as n').first()) as { n: number | string }).n);
    const sample = async (kind: string) => ((await plaza.db('customer_identity').where('kind', kind).orderByRaw('random()').limit(SAMPLE).select('value')) as { value: string }[]).map((r) => r.value);
    // "+34612345678" → "612 345 678", as an associate types it; e-mails in capitals.
    const phones = (await sample('phone')).map((p) => p.replace(/^\+34(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3'));
    const emails = (await sample('email')).map((e) => e.toUpperCase());
    if (phones.length === 0 || emails.length === 0) throw new Error('the scale database has no customers: rebuild it (--rebuild)');
    const lookup = plaza.container.resolve(CustomerLookup);
    const staff = () =>
      createCtx({
        db: plaza.db,
        logger: plaza.logger,
        api: 'admin',
        actor: { kind: 'staff', id: 'stf_bench', name: 'Bench', grants: [unscopedGrant(['customers.read'])] },
        knownPermissions: new Set(plaza.registry.permissions.keys()),
      });
    let sql = 0;
    plaza.db.on('query', () => sql++);
    const kinds = { phone: phones, email: emails } as const;
    const times = { phone: [] as number[], email: [] as number[] };
    const statements = { phone: 0, email: 0 };
    let misses = 0;
    const run = async (seconds: number, record: boolean): Promise<number> => {
      const until = performance.now() + seconds * 1000;
      let n = 0;
      while (performance.now() < until) {
        const kind = n % 2 === 0 ? 'phone' : 'email';
        const values = kinds[kind];
        const before = sql;
        const started = process.hrtime.bigint();
        const result = await lookup.lookup(staff(), values[Math.floor(n / 2) % values.length]!);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (record) {
          times[kind].push(ms);
          statements[kind] += sql - before;
          if (result.hits.length !== 1) misses++;
        }
        n++;
      }
      return n;
    };
    await run(Math.min(2, durationSeconds), false);
    const started = performance.now();
    const count = await run(durationSeconds, true);
    const elapsed = (performance.now() - started) / 1000;
    const all = [...times.phone, ...times.email].sort((a, b) => a - b);
    const parts = Object.fromEntries(
      (['phone', 'email'] as const).map((kind) => {
        const sorted = [...times[kind]].sort((a, b) => a - b);
        return [`by ${kind}`, { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), sqlPerRequest: Math.round((statements[kind] / sorted.length) * 100) / 100, requests: sorted.length }];
      }),
    );
    return {
      rps: Math.round(count / elapsed),
      p50Ms: round(percentile(all, 50)),
      p99Ms: round(percentile(all, 99)),
      sqlPerRequest: Math.round(((statements.phone + statements.email) / count) * 100) / 100,
      requests: count,
      errors: misses,
      scaleProducts: scaleDb.products,
      scaleCustomers: customers,
      parts,
    };
  } finally {
    await plaza.close(0);
    await database.drop();
  }
}
