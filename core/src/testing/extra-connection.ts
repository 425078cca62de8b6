import knexFactory, { type Knex } from 'knex';
import type { TestDatabase } from './test-database.js';

/** Options of {@link openExtraConnection}. */
export interface ExtraConnectionOptions {
  /**
   * SQLite only: how long a statement waits for another connection's write lock (default 0:
   * fail at once with SQLITE_BUSY). better-sqlite3 waits synchronously, blocking the event
   * loop — and with it the other connections of this process — so tests that race several
   * connections in one process keep it at 0 and let the code under test retry.
   */
  busyTimeoutMs?: number;
  /** PostgreSQL only: pool size of this knex instance (default 2). */
  poolMax?: number;
}

/**
 * Opens another knex instance (its own connection or pool) on a test database — for tests of
 * behaviour under concurrency over separate connections, e.g. two platforms reserving the same
 * unit at once. Destroy it (`await knex.destroy()`) before `env.close()`.
 */
export function openExtraConnection(database: TestDatabase, options: ExtraConnectionOptions = {}): Knex {
  if (database.dialect === 'postgres') {
    return knexFactory({ client: 'pg', connection: { connectionString: database.url }, pool: { min: 0, max: options.poolMax ?? 2 } });
  }
  const filename = database.url.replace(/^sqlite:/, '');
  const busyTimeout = options.busyTimeoutMs ?? 0;
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma(`busy_timeout = ${busyTimeout}`);
          done(null, conn);
        } catch (error) {
          done(error as Error, conn);
        }
      },
    },
  });
}
