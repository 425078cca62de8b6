import type { Knex } from 'knex';
import { dialectOf } from '../../../db/database.js';

/** Where a value was found: the table and the row, as text. */
export interface ScanHit {
  table: string;
  value: string;
  row: string;
}

/** Every table of the test database (SQLite: sqlite_master; PostgreSQL: the current schema). */
export async function allTables(db: Knex): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const rows = (await db('information_schema.tables').where({ table_schema: db.raw('current_schema()'), table_type: 'BASE TABLE' }).select('table_name')) as { table_name: string }[];
    return rows.map((r) => r.table_name).sort();
  }
  const rows = (await db('sqlite_master').where('type', 'table').whereNot('name', 'like', 'sqlite_%').select('name')) as { name: string }[];
  return rows.map((r) => r.name).sort();
}

/**
 * Reads every row of every table, each column as text, and reports each row holding one of
 * `values` (case-insensitive).
 */
export async function scanForValues(db: Knex, values: readonly string[]): Promise<{ tables: string[]; rows: number; hits: ScanHit[] }> {
  const needles = values.map((v) => v.toLowerCase());
  const tables = await allTables(db);
  const hits: ScanHit[] = [];
  let rows = 0;
  for (const table of tables) {
    for (const row of (await db(table).select('*')) as Record<string, unknown>[]) {
      rows += 1;
      const text = Object.values(row)
        .map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : String(v)))
        .join('\u0001')
        .toLowerCase();
      for (const [i, needle] of needles.entries()) if (text.includes(needle)) hits.push({ table, value: values[i]!, row: text.slice(0, 300) });
    }
  }
  return { tables, rows, hits };
}
