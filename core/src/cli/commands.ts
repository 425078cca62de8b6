import type { Command } from 'commander';
import { bootFromCli, type GlobalOptions } from './boot.js';
import type { SeedReport } from '../kernel/plugin.js';
import { publishDemoCredentials } from './demo-credentials.js';
import { printUrls } from './urls.js';
import { createProgress } from './progress.js';

/** `plaza seed --scale N`: variants per generated product and stock locations they spread over (issue 4's bench shape). */
const SCALE_VARIANTS = 3;
const SCALE_LOCATIONS = 20;

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** `plaza start`: migrate, seed the demo on first start, serve, shut down gracefully on SIGTERM/SIGINT. */
export async function startCommand(options: { port?: number; demo: boolean }, command: Command): Promise<void> {
  const env = { ...process.env, ...(options.port !== undefined ? { PORT: String(options.port) } : {}) };
  const started = Date.now();
  const plaza = await bootFromCli(globals(command), env);
  await plaza.migrate();
  let report: SeedReport | undefined;
  if (!(await plaza.wasSeeded())) {
    const seeded = await plaza.seed({ demo: options.demo });
    plaza.logger.info({ plugins: seeded.plugins, demo: options.demo }, 'first start: seeded %s data', options.demo ? 'demo' : 'base');
    report = seeded.report;
  }
  const port = await plaza.listen();
  printUrls(plaza, port, Date.now() - started);
  if (report) publishDemoCredentials(report, plaza.config.dataDir);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    plaza.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    plaza.close().then(
      () => process.exit(0),
      (error: unknown) => {
        plaza.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** `plaza migrate`: applies pending migrations, or lists them with --status. */
export async function migrateCommand(options: { status?: boolean }, command: Command): Promise<void> {
  const plaza = await bootFromCli(globals(command), process.env, { worker: false });
  try {
    if (options.status) {
      const { applied, pending } = await plaza.migrationStatus();
      for (const name of applied) console.log(`applied  ${name}`);
      for (const name of pending) console.log(`pending  ${name}`);
      console.log(`${applied.length} applied, ${pending.length} pending`);
      return;
    }
    const applied = await plaza.migrate();
    console.log(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`);
  } finally {
    await plaza.close();
  }
}

/** `plaza seed [--demo] [--scale N]`: migrates, then runs every plugin's base (and demo) seed, then the scale seed. */
export async function seedCommand(options: { demo?: boolean; scale?: number }, command: Command): Promise<void> {
  const plaza = await bootFromCli(globals(command), process.env, { worker: false });
  try {
    await plaza.migrate();
    const demo = options.demo === true || options.scale !== undefined;
    if (options.scale === undefined || !(await plaza.wasSeeded())) {
      const seeded = await plaza.seed({ demo });
      console.log(seeded.plugins.length === 0 ? 'No plugin has seed data.' : `Seeded: ${seeded.plugins.join(', ')}`);
      publishDemoCredentials(seeded.report, plaza.config.dataDir);
    }
    if (options.scale !== undefined) {
      const started = Date.now();
      const progress = createProgress();
      try {
        const plugins = await plaza.seedScale({ products: options.scale, variantsPerProduct: SCALE_VARIANTS, locations: SCALE_LOCATIONS, progress: (label, done, total) => progress.update(label, done, total) });
        progress.stop();
        console.log(`Scale seed: ${options.scale} products × ${SCALE_VARIANTS} variants over ${SCALE_LOCATIONS} locations, ${options.scale * 4} customers, by ${plugins.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        progress.stop();
      }
    }
  } finally {
    await plaza.close();
  }
}

/** `plaza plugins`: lists the loaded plugins and versions, in boot order. */
export async function pluginsCommand(_options: unknown, command: Command): Promise<void> {
  const plaza = await bootFromCli(globals(command), process.env, { worker: false });
  try {
    const rows = plaza.registry.manifests.map((m) => [m.name, m.version, (m.requires ?? []).join(', ') || '-']);
    const widths = [0, 1, 2].map((i) => Math.max(...[['plugin', 'version', 'requires'], ...rows].map((r) => r[i]!.length)));
    for (const row of [['plugin', 'version', 'requires'], ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  } finally {
    await plaza.close();
  }
}
