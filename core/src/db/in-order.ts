/**
 * Runs queries one after the other and returns their results in order — `Promise.all` for
 * knex queries that share one connection. A transaction is one connection: pg queues
 * concurrent queries on it (deprecated in pg 9) and SQLite has a single connection anyway, so
 * inside a transaction, read several things with this instead of `Promise.all`. knex builders
 * start only when awaited, so passing them here runs them strictly in sequence.
 */
export async function inOrder<T extends unknown[]>(...queries: { [K in keyof T]: PromiseLike<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as T;
}
