import type { Knex } from 'knex';

/** What {@link countQueries} saw: how many SQL statements ran, and their text. */
export interface QueryCount<T> {
  result: T;
  count: number;
  sql: string[];
}

/**
 * Runs `work` and counts the SQL statements `db` executed meanwhile (knex's `query` event),
 * e.g. to assert that a channel listing does not grow with its page size. Statements of other
 * concurrent work on the same handle are counted too: run nothing else meanwhile.
 */
export async function countQueries<T>(db: Knex, work: () => Promise<T>): Promise<QueryCount<T>> {
  const sql: string[] = [];
  const listener = (query: { sql: string }) => sql.push(query.sql);
  db.on('query', listener);
  try {
    const result = await work();
    return { result, count: sql.length, sql };
  } finally {
    db.removeListener('query', listener);
  }
}
