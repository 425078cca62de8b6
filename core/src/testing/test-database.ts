import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { newId } from '../kernel/ids.js';

/** A throw-away database for one test file. */
export interface TestDatabase {
  /** The `DATABASE_URL` of the fresh database. */
  url: string;
  dialect: 'sqlite' | 'postgres';
  /** Deletes the database (drops the PostgreSQL database, removes the SQLite file). */
  drop(): Promise<void>;
}

/**
 * Which database the tests run on: PostgreSQL when the vitest project sets
 * `PLAZA_TEST_DIALECT=postgres` and `PLAZA_TEST_DATABASE_URL` points at a server,
 * SQLite otherwise.
 */
export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.PLAZA_TEST_DIALECT === 'postgres' && process.env.PLAZA_TEST_DATABASE_URL ? 'postgres' : 'sqlite';
}

/** Creates a fresh, empty database: a new SQLite file, or a new PostgreSQL database on the test server. */
export async function createTestDatabase(dialect: 'sqlite' | 'postgres' = testDialect()): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-test-'));
    return {
      url: `sqlite:${path.join(dir, 'plaza.sqlite')}`,
      dialect,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.PLAZA_TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('PLAZA_TEST_DATABASE_URL must be a postgres:// URL to run tests on PostgreSQL');
  const name = newId('test').toLowerCase();
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create database "${name}"`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    drop: async () => {
      const dropper = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
      try {
        await dropper.raw(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.destroy();
      }
    },
  };
}
