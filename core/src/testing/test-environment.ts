import { resolveConfig, type PlazaUserConfig } from '../kernel/config.js';
import { createLogger } from '../kernel/logger.js';
import type { PluginEntry, PluginManifest } from '../kernel/plugin.js';
import { createPlaza, type Plaza } from '../kernel/plaza.js';
import { GraphQLClient } from './graphql-client.js';
import { StaffSignIn, type SignedInClient, type SignInOptions } from './staff-sign-in.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Options of {@link createTestEnvironment}. */
export interface TestEnvironmentOptions {
  /** The plugins under test (manifests or `{ plugin, options }`). */
  plugins?: (PluginManifest | PluginEntry)[];
  /** Any other config (worker, events, gateway, …). */
  config?: Omit<PlazaUserConfig, 'plugins' | 'databaseUrl'>;
  /** Override the database (default: SQLite, or PostgreSQL in the postgres vitest project). */
  dialect?: 'sqlite' | 'postgres';
}

/** A Plaza booted in-process on a fresh database, with GraphQL clients. */
export interface TestEnvironment {
  plaza: Plaza;
  database: TestDatabase;
  /** The server's base URL, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The owner's admin bearer token (for raw requests such as SSE). */
  adminToken: string;
  /** Admin API client signed in as an owner (every permission). */
  adminClient: GraphQLClient;
  /** Admin API client signed in as a staff member with no permission. */
  limitedAdminClient: GraphQLClient;
  /** Admin API client with no credentials. */
  anonymousAdminClient: GraphQLClient;
  /**
   * Creates a staff member with these role assignments (role codes or ad-hoc permission lists,
   * optionally scoped to platforms/locations) and signs them in through the \`login\` mutation:
   * \`await env.signIn({ roles: [{ role: 'store-associate', platformIds: [platformId] }] })\`.
   */
  signIn(options?: SignInOptions): Promise<SignedInClient>;
  /** Channel API client sending `key` as x-plaza-key (none when omitted). */
  channelClient(key?: string): GraphQLClient;
  /** Delivers every due event (fan-out and deliveries) now; repeats until nothing is left. */
  drainEvents(): Promise<void>;
  /** Runs the scheduler tick and every due job now. */
  runJobs(now?: Date): Promise<void>;
  /** Shuts Plaza down and drops the database. */
  close(): Promise<void>;
}

/**
 * Boots Plaza in-process on a fresh database (SQLite file; a fresh PostgreSQL database when
 * the postgres test project runs), migrated, base-seeded (the built-in roles), listening on a
 * free port, with an owner and a member without roles signed in through the admin API's
 * `login` mutation (real sessions, as a person gets them). The channel response cache is off
 * unless `config.gateway.responseCacheTtlMs` turns it on. The background
 * dispatcher and worker are off unless `config.worker` is true: tests call `drainEvents()`
 * and `runJobs()` so that they decide when things happen.
 */
export async function createTestEnvironment(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  const database = await createTestDatabase(options.dialect);
  let plaza: Plaza | undefined;
  try {
    const config = resolveConfig(
      {
        port: 0,
        host: '127.0.0.1',
        logLevel: (process.env.PLAZA_TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
        secret: 'plaza-test-secret-0123456789abcdef',
        worker: false,
        ...options.config,
        // The channel response cache is off unless a test turns it on: module tests assert
        // what one request reads and does, not what a cache hit skips.
        gateway: { responseCacheTtlMs: 0, ...options.config?.gateway },
        databaseUrl: database.url,
        plugins: [...(options.plugins ?? [])],
      },
      {},
    );
    plaza = await createPlaza(config, { logger: createLogger(config.logLevel) });
    await plaza.migrate();
    // Recurring jobs get their schedule now, as a started worker would; runJobs(later) finds them due.
    await plaza.jobs.scheduler.sync();
    await plaza.seed({ demo: false });
    const port = await plaza.listen(0);
    const baseUrl = `http://127.0.0.1:${port}`;
    const admin = new GraphQLClient(`${baseUrl}/admin/graphql`);
    const running = plaza;
    const staff = new StaffSignIn(running, admin);
    const [owner, limited] = await Promise.all([
      staff.signIn({ email: 'owner@plaza.test', name: 'Test owner', roles: [{ role: 'owner' }] }),
      staff.signIn({ email: 'limited@plaza.test', name: 'Test member without roles' }),
    ]);
    return {
      plaza: running,
      database,
      baseUrl,
      adminToken: owner.token,
      adminClient: owner,
      limitedAdminClient: limited,
      anonymousAdminClient: admin,
      signIn: (signInOptions) => staff.signIn(signInOptions),
      channelClient: (key) => new GraphQLClient(`${baseUrl}/graphql`, key ? { 'x-plaza-key': key } : {}),
      async drainEvents() {
        for (let round = 0; round < 20; round++) {
          const r = await running.events.dispatcher.runOnce();
          if (r.fannedOut === 0 && r.delivered === 0 && r.failed === 0) return;
        }
      },
      async runJobs(now) {
        await running.jobs.scheduler.tick(now);
        await running.jobs.worker.runOnce();
      },
      async close() {
        try {
          await running.close(1_000);
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await plaza?.close(0).catch(() => undefined);
    await database.drop();
    throw error;
  }
}
