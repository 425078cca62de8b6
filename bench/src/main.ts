import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenario, type ScenarioResult } from './run-scenario.js';
import { prepareScaleDatabase } from './scale-database.js';
import { scenarios } from './scenarios.js';

/** Issue 4's targets: each scenario's throughput as a percentage of `typename` in the same run. */
const TARGETS: Record<string, number> = { 'product-list': 30, search: 40, 'product-detail': 40, 'add-to-cart': 20 };

/** `npm run bench -- [scenario …] [--duration <s>] [--connections <n>]` */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      scale: { type: 'string', default: '50000' },
      rebuild: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [scenario …] [--duration <seconds>] [--connections <n>] [--scale <products>] [--rebuild]\nscenarios: ${scenarios.map((s) => s.name).join(', ')}`);
    return;
  }
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isFinite(duration) || duration <= 0) throw new Error('--duration must be a positive number of seconds');
  if (!Number.isInteger(connections) || connections <= 0) throw new Error('--connections must be a positive whole number');
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale <= 0) throw new Error('--scale must be a positive whole number of products');
  const unknown = positionals.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  // The targets are ratios to `typename` in the same run: measure it whenever a targeted scenario runs.
  const wanted = new Set(positionals);
  if (positionals.some((name) => name in TARGETS)) wanted.add('typename');
  const selected = positionals.length > 0 ? scenarios.filter((s) => wanted.has(s.name)) : scenarios;

  const database = process.env.PLAZA_BENCH_DATABASE_URL ? 'postgres' : 'sqlite';
  console.log(`Plaza bench: ${selected.length} scenario(s), ${duration}s each, ${connections} connections, database ${database}\n`);
  const scaleDb = selected.some((s) => s.scale) ? await prepareScaleDatabase(scale, values.rebuild === true) : undefined;
  const results: Record<string, ScenarioResult> = {};
  for (const scenario of selected) {
    process.stdout.write(`  ${scenario.name.padEnd(16)} ${scenario.description} … `);
    results[scenario.name] = await runScenario(scenario, duration, connections, scaleDb);
    console.log('done');
  }
  console.log(`\n  ${'scenario'.padEnd(16)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'sql/req'.padStart(8)} ${'errors'.padStart(7)}`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(16)} ${String(r.rps).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.sqlPerRequest).padStart(8)} ${String(r.errors).padStart(7)}`);
    for (const [part, p] of Object.entries(r.parts ?? {})) console.log(`    ${part.padEnd(14)} ${''.padStart(8)} ${String(p.p50Ms).padStart(7)} ${String(p.p99Ms).padStart(7)} ${String(p.sqlPerRequest).padStart(8)}`);
  }
  const base = results['yoga-baseline'];
  const plaza = results['typename'];
  if (base && plaza) console.log(`\n  typename / yoga-baseline: ${((plaza.rps / base.rps) * 100).toFixed(1)}%`);
  const bare = results['typename-no-credentials'];
  if (bare && plaza) console.log(`  typename (key resolved) / typename-no-credentials: ${((plaza.rps / bare.rps) * 100).toFixed(1)}%`);
  const ratios: Record<string, number> = {};
  for (const [name, target] of Object.entries(TARGETS)) {
    const r = results[name];
    if (!r || !plaza) continue;
    ratios[name] = Math.round((r.rps / plaza.rps) * 1000) / 10;
    console.log(`  ${name} / typename: ${ratios[name]!.toFixed(1)}% (target ≥ ${target}%)${ratios[name]! >= target ? '' : '  BELOW TARGET'}`);
  }

  const checkout = results['checkout'];
  if (checkout) {
    const target = database === 'postgres' ? 60 : 100;
    console.log(`  checkout: ${checkout.rps} orders/s (target ≥ ${target} on ${database})${checkout.rps >= target ? '' : '  BELOW TARGET'}`);
  }

  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results/latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const json = { createdAt: new Date().toISOString(), database, durationSeconds: duration, connections, scaleProducts: scaleDb?.products, ratiosToTypename: ratios, scenarios: results };
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\n  wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
