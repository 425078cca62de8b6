import { unscopedGrant } from '../../kernel/authorization.js';
import 'reflect-metadata';
import type { Knex } from 'knex';
import pino, { type Logger } from 'pino';
import { container } from 'tsyringe';
import { createDatabase } from '../../db/database.js';
import { parseDatabaseUrl } from '../../db/database-url.js';
import { migrateLatest } from '../../db/migrator.js';
import { createCtx, type Actor, type Ctx } from '../../kernel/context.js';
import { registerPlugins, validatePlugins } from '../../kernel/plugin-loader.js';
import { CORE_PLUGIN_NAME } from '../../kernel/plugin-order.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { definePlugin, type PluginManifest } from '../../kernel/plugin.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { jobPermissions } from '../job-permissions.js';
import { JOB_TABLE, type JobRow } from '../job-rows.js';
import { createJobsRuntime, type JobsRuntime, type JobsRuntimeOptions } from '../jobs-runtime.js';
import { jobMigrations } from '../jobs.migrations.js';
import { TestClock } from './test-clock.js';

/** Stands in for the kernel's module: the jobs tables and permissions. */
const coreJobsModule = definePlugin({ name: CORE_PLUGIN_NAME, version: '0.0.0', migrations: jobMigrations, permissions: jobPermissions });

/** Extra runtime options a test may set. */
export type RuntimeOverrides = Partial<Omit<JobsRuntimeOptions, 'db' | 'registry'>> & {
  /** Another registry (e.g. a newer version of a plugin) over the same database. */
  registry?: PluginRegistry;
};

/** A fresh, migrated database with a jobs runtime over it. */
export interface JobsHarness {
  database: TestDatabase;
  db: Knex;
  registry: PluginRegistry;
  clock: TestClock;
  runtime: JobsRuntime;
  /** A system ctx on the root database, or one acting as `actor`. */
  ctx(actor?: Actor | null): Ctx;
  /**
   * Another runtime over the same database, as another process would have: on PostgreSQL with
   * its own connection pool; on SQLite (one process per database) sharing the one connection.
   */
  createRuntime(overrides?: RuntimeOverrides): JobsRuntime;
  /** Builds a registry from other plugins (plus the jobs tables module). */
  buildRegistry(plugins: PluginManifest[]): Promise<PluginRegistry>;
  row(id: string): Promise<JobRow>;
  close(): Promise<void>;
}

/** A staff actor holding exactly `permissions`. */
export function staff(...permissions: string[]): Actor {
  return { kind: 'staff', id: 'usr_test', grants: [unscopedGrant(permissions)] };
}

/** Creates a database, migrates it and builds a runtime over the given plugins. */
export async function createJobsHarness(plugins: PluginManifest[], overrides: RuntimeOverrides = {}): Promise<JobsHarness> {
  const database = await createTestDatabase();
  const db = createDatabase(parseDatabaseUrl(database.url));
  const logger: Logger = overrides.logger ?? pino({ level: 'silent' });
  const clock = new TestClock();
  const extraPools: Knex[] = [];
  const runtimes: JobsRuntime[] = [];
  const buildRegistry = async (list: PluginManifest[]): Promise<PluginRegistry> =>
    registerPlugins(container.createChildContainer(), validatePlugins([coreJobsModule, ...list].map((plugin) => ({ plugin }))), logger);
  try {
    const registry = await buildRegistry(plugins);
    await migrateLatest(db, registry.manifests);
    const createRuntime = (extra: RuntimeOverrides = {}): JobsRuntime => {
      let runtimeDb = db;
      if (database.dialect === 'postgres' && runtimes.length > 0) {
        runtimeDb = createDatabase(parseDatabaseUrl(database.url));
        extraPools.push(runtimeDb);
      }
      const runtime = createJobsRuntime({
        db: runtimeDb,
        registry,
        logger,
        now: clock.now,
        config: { jobs: { pollIntervalMs: 20, concurrency: 4 } },
        ...overrides,
        ...extra,
      });
      runtimes.push(runtime);
      return runtime;
    };
    const runtime = createRuntime();
    return {
      database,
      db,
      registry,
      clock,
      runtime,
      ctx: (actor) => createCtx({ db, logger, ...(actor === undefined ? {} : { actor, api: 'admin' as const }) }),
      createRuntime,
      buildRegistry,
      row: async (id) => (await db(JOB_TABLE).where('id', id).first()) as JobRow,
      async close() {
        await Promise.all(runtimes.map((r) => r.worker.stop()));
        await Promise.all(extraPools.map((pool) => pool.destroy()));
        await db.destroy();
        await database.drop();
      },
    };
  } catch (error) {
    await db.destroy();
    await database.drop();
    throw error;
  }
}
