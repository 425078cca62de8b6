import type { Knex } from 'knex';
import type { Ctx } from '../kernel/context.js';

/** Is this handle a transaction (rather than the root connection)? */
export function isTransaction(db: Knex | Knex.Transaction): db is Knex.Transaction {
  return (db as { isTransaction?: boolean }).isTransaction === true;
}

/**
 * Runs `work` in one transaction: a new one on the root handle, or the caller's when `ctx`
 * is already inside one (so a service composes with its callers' transaction). The callback
 * gets a context whose `db` is the transaction; use only that handle inside.
 */
export async function inTransaction<T>(ctx: Ctx, work: (trxCtx: Ctx) => Promise<T>): Promise<T> {
  if (isTransaction(ctx.db)) return work(ctx);
  return (ctx.db as Knex).transaction((trx) => work({ ...ctx, db: trx }));
}

/**
 * Calls `callback` once the transaction `db` commits (immediately when `db` is not a
 * transaction); never when it rolls back.
 */
export function afterCommit(db: Knex | Knex.Transaction, callback: () => void): void {
  if (!isTransaction(db)) {
    queueMicrotask(callback);
    return;
  }
  type Nested = Knex.Transaction & { parentTransaction?: Nested };
  let outer = db as Nested;
  // A savepoint resolves before the outer commit: wait for the outermost transaction.
  while (outer.parentTransaction) outer = outer.parentTransaction;
  outer.executionPromise.then(callback, () => undefined);
}
