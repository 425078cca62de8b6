import type { Knex } from 'knex';
import { dialectOf } from '../../db/database.js';
import { PostgresFtsBackend } from './postgres-fts.js';
import type { SearchBackend } from './search-backend.js';
import { SqliteFts5Backend } from './sqlite-fts5.js';

/** The search backend for the database `db` speaks to. */
export function searchBackendFor(db: Knex): SearchBackend {
  return dialectOf(db) === 'postgres' ? new PostgresFtsBackend() : new SqliteFts5Backend();
}
