import type { Knex } from 'knex';

/**
 * Inserts `rows` in statements of at most `rowsPerStatement` rows (SQLite caps the bound
 * parameters of one statement; PostgreSQL at 65,535). For bulk seeds and imports.
 */
export async function insertInChunks(db: Knex | Knex.Transaction, table: string, rows: readonly object[], rowsPerStatement = 500): Promise<void> {
  for (let at = 0; at < rows.length; at += rowsPerStatement) {
    await db(table).insert(rows.slice(at, at + rowsPerStatement));
  }
}
