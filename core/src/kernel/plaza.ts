import 'reflect-metadata';
import { container as globalContainer, type DependencyContainer } from 'tsyringe';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createDatabase, pingDatabase } from '../db/database.js';
import { migrateLatest, migrationStatus, type MigrationStatus } from '../db/migrator.js';
import { inTransaction } from '../db/transaction.js';
import { createEventsRuntime, type EventsRuntime } from '../events/index.js';
import { createGateway, type Gateway } from '../gateway/gateway.js';
import { createJobsRuntime, type JobsRuntime } from '../jobs/index.js';
import { coreModules } from '../modules/index.js';
import { metaStore } from '../modules/system/meta.store.js';
import type { ResolvedConfig } from './config.js';
import type { ScalePlan, SeedReport } from './plugin.js';
import { createCtx, type Ctx } from './context.js';
import { createLogger } from './logger.js';
import { registerPlugins, validatePlugins } from './plugin-loader.js';
import type { PluginRegistry } from './plugin-registry.js';
import { InternalTokens } from './internal-tokens.js';
import { Tokens } from './tokens.js';

/** Options of {@link createPlaza}. */
export interface CreatePlazaOptions {
  /** A logger to use instead of one made from `config.logLevel`. */
  logger?: Logger;
}

/**
 * One running Plaza: the container, the plugins, the database, the event and job runtimes and
 * the HTTP gateway. Create it with {@link createPlaza}; then `migrate()`, `listen()`, `close()`.
 */
export class Plaza {
  private closing: Promise<void> | undefined;
  private listening = false;

  constructor(
    readonly config: ResolvedConfig,
    readonly container: DependencyContainer,
    readonly registry: PluginRegistry,
    readonly db: Knex,
    readonly logger: Logger,
    readonly events: EventsRuntime,
    readonly jobs: JobsRuntime,
    readonly gateway: Gateway,
  ) {}

  /** A system context on the root database handle (for CLI tasks, seeds and scripts). */
  systemCtx(): Ctx {
    return createCtx({ db: this.db, logger: this.logger, knownPermissions: new Set(this.registry.permissions.keys()) });
  }

  /** Applies every pending migration, in boot order. Returns the names applied. */
  async migrate(): Promise<string[]> {
    const applied = await migrateLatest(this.db, this.registry.manifests);
    if (applied.length > 0) this.logger.info({ applied }, 'applied %d migration(s)', applied.length);
    return applied;
  }

  /** Applied and pending migrations. */
  migrationStatus(): Promise<MigrationStatus> {
    return migrationStatus(this.db, this.registry.manifests);
  }

  /**
   * Runs every plugin's base seed, and with `demo` its demo seed, each plugin in its own
   * transaction. Returns the plugins that seeded something and what they reported
   * (demo credentials and keys).
   */
  async seed(options: { demo: boolean }): Promise<{ plugins: string[]; report: SeedReport }> {
    const seeded: string[] = [];
    const report: SeedReport = { platforms: [] };
    for (const { manifest, scope } of this.registry.plugins) {
      const hooks = [manifest.seed?.base, options.demo ? manifest.seed?.demo : undefined].filter((h) => h !== undefined);
      if (hooks.length === 0) continue;
      await inTransaction(this.systemCtx(), async (ctx) => {
        for (const hook of hooks) await hook(ctx, scope as never, report);
      });
      seeded.push(manifest.name);
    }
    await metaStore.set(this.db, options.demo ? 'demo_seeded_at' : 'base_seeded_at', new Date().toISOString());
    return { plugins: seeded, report };
  }

  /**
   * `plaza seed --scale N`: every plugin's `scale` hook in boot order, each committing its own
   * batches. Run it after the demo seed (the generated products join the demo platforms).
   */
  async seedScale(input: ScalePlan): Promise<string[]> {
    const plan: ScalePlan = { ...input, customers: input.customers ?? input.products * 4 };
    const seeded: string[] = [];
    for (const { manifest, scope } of this.registry.plugins) {
      if (!manifest.seed?.scale) continue;
      await manifest.seed.scale(this.systemCtx(), scope as never, plan);
      seeded.push(manifest.name);
    }
    // Fresh statistics for the query planners after a bulk load (SQLite has none until ANALYZE).
    await this.db.raw('analyze');
    await metaStore.set(this.db, 'scale_seeded', JSON.stringify({ products: plan.products, variantsPerProduct: plan.variantsPerProduct, locations: plan.locations, customers: plan.customers, at: new Date().toISOString() }));
    return seeded;
  }

  /** Has `seed` run on this database before? */
  async wasSeeded(): Promise<boolean> {
    return (await metaStore.get(this.db, 'base_seeded_at')) !== undefined || (await metaStore.get(this.db, 'demo_seeded_at')) !== undefined;
  }

  /**
   * Starts serving: the HTTP server on `port` (config.port when omitted; 0 picks a free one),
   * the event dispatcher and job worker (unless config.worker is false), then every
   * plugin's `onReady`. Resolves with the bound port.
   */
  async listen(port: number = this.config.port): Promise<number> {
    const bound = await this.gateway.http.listen(port, this.config.host);
    this.listening = true;
    if (this.config.worker) {
      this.events.dispatcher.start();
      this.jobs.worker.start();
    }
    for (const { manifest, scope } of this.registry.plugins) await manifest.onReady?.(scope as never);
    return bound;
  }

  /** Is the database reachable with every migration applied? */
  async ready(): Promise<{ ok: boolean; reason?: string }> {
    return this.gateway.ready();
  }

  /**
   * Graceful shutdown: stop accepting requests and let in-flight ones finish, stop the
   * dispatcher and worker (waiting for running deliveries and jobs), run every plugin's
   * `onClose` in reverse boot order, close the database. Safe to call more than once.
   */
  close(graceMs?: number): Promise<void> {
    this.closing ??= (async () => {
      if (this.listening) await this.gateway.http.close(graceMs);
      await Promise.all([this.events.dispatcher.stop(), this.jobs.worker.stop()]);
      for (const { manifest, scope } of [...this.registry.plugins].reverse()) {
        try {
          await manifest.onClose?.(scope as never);
        } catch (error) {
          this.logger.error({ err: error, plugin: manifest.name }, 'plugin onClose failed');
        }
      }
      await this.db.destroy();
      this.logger.flush?.();
    })();
    return this.closing;
  }
}

/**
 * Boots Plaza from a resolved config: validates and orders the plugins (one error listing
 * every problem), opens the database, registers each plugin in its own child container and
 * composes both GraphQL schemas. Does not migrate or listen.
 */
export async function createPlaza(config: ResolvedConfig, options: CreatePlazaOptions = {}): Promise<Plaza> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const validated = validatePlugins([...coreModules.map((plugin) => ({ plugin })), ...config.plugins]);
  const db = createDatabase(config.database);
  try {
    // A fresh child of tsyringe's global container: no singleton leaks between two Plazas in one process.
    const root = globalContainer.createChildContainer();
    root.registerInstance(Tokens.Database, db);
    root.registerInstance(Tokens.Config, config);
    root.registerInstance(Tokens.Logger, logger);
    const late: { events?: EventsRuntime; jobs?: JobsRuntime; registry?: PluginRegistry } = {};
    root.register(Tokens.EventBus, { useFactory: () => late.events!.bus });
    root.register(Tokens.JobQueue, { useFactory: () => late.jobs!.queue });
    root.register(Tokens.Plugins, { useFactory: () => late.registry! });
    root.register(InternalTokens.EventsRuntime, { useFactory: () => late.events! });
    root.register(InternalTokens.JobsRuntime, { useFactory: () => late.jobs! });
    const registry = await registerPlugins(root, validated, logger);
    late.registry = registry;
    late.events = createEventsRuntime({ db, registry, config, logger });
    late.jobs = createJobsRuntime({ db, registry, config, logger });
    const events = late.events;
    const gateway = createGateway({ registry, config, logger, db, ready: () => readiness(db, registry), onCommittedEvent: (listener) => events.bus.onCommitted(listener) });
    return new Plaza(config, root, registry, db, logger, late.events, late.jobs, gateway);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

async function readiness(db: Knex, registry: PluginRegistry): Promise<{ ok: boolean; reason?: string }> {
  try {
    await pingDatabase(db);
  } catch {
    return { ok: false, reason: 'database unreachable' };
  }
  const { pending } = await migrationStatus(db, registry.manifests);
  return pending.length === 0 ? { ok: true } : { ok: false, reason: `${pending.length} migration(s) pending; run plaza migrate` };
}
