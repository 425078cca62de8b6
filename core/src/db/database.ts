import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseTarget } from './database-url.js';

/** Which SQL dialect a knex instance speaks. */
export type Dialect = 'sqlite' | 'postgres';

/** What knex's better-sqlite3 connection offers that Plaza tunes. */
interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/** Distinct SQL texts whose prepared statements a SQLite connection keeps. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * knex prepares every query anew; a hot path repeats the same few SQL texts. Keeping the last
 * {@link STATEMENT_CACHE_SIZE} prepared statements per connection saves the parse and plan of
 * each repeat (SQLite re-prepares a cached statement itself after a schema change).
 */
function cachePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  const statements = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** Opens the database: better-sqlite3 (WAL, foreign keys, busy timeout, cached statements) or pg. */
export function createDatabase(target: DatabaseTarget, options: { poolMax?: number } = {}): Knex {
  if (target.dialect === 'sqlite') {
    if (target.filename !== ':memory:') fs.mkdirSync(path.dirname(target.filename), { recursive: true });
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: target.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
          try {
            cachePreparedStatements(conn);
            conn.pragma('journal_mode = WAL');
            conn.pragma('foreign_keys = ON');
            conn.pragma('busy_timeout = 5000');
            conn.pragma('synchronous = NORMAL');
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    });
  }
  return knexFactory({
    client: 'pg',
    connection: { connectionString: target.connectionString },
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}

/** The dialect of a knex instance or transaction. */
export function dialectOf(db: Knex | Knex.Transaction): Dialect {
  const client = (db.client as { config: { client: unknown } }).config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql' ? 'postgres' : 'sqlite';
}

/** Checks the database answers (for `/ready`). */
export async function pingDatabase(db: Knex): Promise<void> {
  await db.raw('select 1');
}
