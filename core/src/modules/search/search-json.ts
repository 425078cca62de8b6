import type { Knex } from 'knex';
import type { Dialect } from '../../db/database.js';

/** The JSON path of a top-level attribute on SQLite (`$."code"`). */
function sqlitePath(code: string): string {
  return `$."${code.replace(/"/g, '')}"`;
}

/**
 * `column`'s attribute `code` equals one of `jsonValues` (JSON texts: `"red"`, `42`, `true`).
 * SQLite compares the JSON text `->` returns; PostgreSQL compares jsonb values.
 */
export function attributeEquals(db: Knex | Knex.Transaction, dialect: Dialect, column: string, code: string, jsonValues: readonly string[]): Knex.Raw {
  const marks = jsonValues.map(() => '?').join(', ');
  if (dialect === 'postgres') return db.raw(`(${column} -> ?) in (${jsonValues.map(() => '?::jsonb').join(', ')})`, [code, ...jsonValues]);
  return db.raw(`(${column} -> ?) in (${marks})`, [sqlitePath(code), ...jsonValues]);
}

/** `column`'s string-list attribute `code` holds one of `values`. */
export function attributeContainsAny(db: Knex | Knex.Transaction, dialect: Dialect, column: string, code: string, values: readonly string[]): Knex.Raw {
  const marks = values.map(() => '?').join(', ');
  if (dialect === 'postgres') return db.raw(`jsonb_exists_any(${column} -> ?, array[${marks}]::text[])`, [code, ...values]);
  return db.raw(`exists (select 1 from json_each(${column}, ?) je where je.value in (${marks}))`, [sqlitePath(code), ...values]);
}

/** SQL of the JSON text of attribute `code` of `column` (for grouping scalar values into a facet). */
export function attributeJsonText(db: Knex | Knex.Transaction, dialect: Dialect, column: string, code: string): Knex.Raw {
  if (dialect === 'postgres') return db.raw(`(${column} -> ?)::text`, [code]);
  return db.raw(`(${column} -> ?)`, [sqlitePath(code)]);
}

/**
 * A FROM item listing the elements of string-list attribute `code` of `column` as rows of
 * `<alias>.value` (json_each / jsonb_array_elements_text).
 */
export function attributeElements(db: Knex | Knex.Transaction, dialect: Dialect, column: string, code: string, alias: string): Knex.Raw {
  if (dialect === 'postgres') return db.raw(`jsonb_array_elements_text(case when jsonb_typeof(${column} -> ?) = 'array' then ${column} -> ? else '[]'::jsonb end) as ${alias}(value)`, [code, code]);
  return db.raw(`json_each(${column}, ?) as ${alias}`, [sqlitePath(code)]);
}
