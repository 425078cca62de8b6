import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenario, type ScenarioResult } from './run-scenario.js';
import { scenarios } from './scenarios.js';

/** `npm run bench -- [scenario …] [--duration <s>] [--connections <n>]` */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [scenario …] [--duration <seconds>] [--connections <n>]\nscenarios: ${scenarios.map((s) => s.name).join(', ')}`);
    return;
  }
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isFinite(duration) || duration <= 0) throw new Error('--duration must be a positive number of seconds');
  if (!Number.isInteger(connections) || connections <= 0) throw new Error('--connections must be a positive whole number');
  const unknown = positionals.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  const selected = positionals.length > 0 ? scenarios.filter((s) => positionals.includes(s.name)) : scenarios;

  const database = process.env.PLAZA_BENCH_DATABASE_URL ? 'postgres' : 'sqlite';
  console.log(`Plaza bench: ${selected.length} scenario(s), ${duration}s each, ${connections} connections, database ${database}\n`);
  const results: Record<string, ScenarioResult> = {};
  for (const scenario of selected) {
    process.stdout.write(`  ${scenario.name.padEnd(16)} ${scenario.description} … `);
    results[scenario.name] = await runScenario(scenario, duration, connections);
    console.log('done');
  }
  console.log(`\n  ${'scenario'.padEnd(16)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'sql/req'.padStart(8)} ${'errors'.padStart(7)}`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(16)} ${String(r.rps).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.sqlPerRequest).padStart(8)} ${String(r.errors).padStart(7)}`);
  }
  const base = results['yoga-baseline'];
  const plaza = results['typename'];
  if (base && plaza) console.log(`\n  typename / yoga-baseline: ${((plaza.rps / base.rps) * 100).toFixed(1)}%`);
  const bare = results['typename-no-credentials'];
  if (bare && plaza) console.log(`  typename (key resolved) / typename-no-credentials: ${((plaza.rps / bare.rps) * 100).toFixed(1)}%`);

  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results/latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const json = { createdAt: new Date().toISOString(), database, durationSeconds: duration, connections, scenarios: results };
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\n  wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
