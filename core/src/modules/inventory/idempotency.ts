import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { fromJson, toJson } from '../../db/json-column.js';
import { inTransaction, isTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { InventoryTables as T } from './inventory.tables.js';

/** Longest idempotency key accepted. */
export const MAX_IDEMPOTENCY_KEY = 200;

function validateKey(key: string): void {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) {
    throw errors.badInput(`An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY} characters`, [{ path: 'idempotencyKey', message: `must have 1 to ${MAX_IDEMPOTENCY_KEY} characters` }], 'IDEMPOTENCY_KEY_INVALID');
  }
}

async function stored<R>(ctx: Ctx, key: string, operation: string): Promise<R | undefined> {
  const row = (await ctx.db(T.idempotency).where('key', key).first('operation', 'result')) as { operation: string; result: unknown } | undefined;
  if (!row) return undefined;
  if (row.operation !== operation) {
    throw errors.conflict(`The idempotency key "${key}" was already used for ${row.operation}, not ${operation}`, 'IDEMPOTENCY_KEY_REUSED');
  }
  return fromJson<R>(row.result);
}

/**
 * Runs a write once per idempotency key: the first call runs `work` in a transaction and
 * stores its (JSON) result under the key in that same transaction; a replay returns the stored
 * result without writing anything. Two concurrent calls with one key: the unique key makes the
 * second one fail on commit, and it then returns the first one's result. A failed call stores
 * nothing, so it can be retried. Without a key, `work` just runs in a transaction.
 */
export async function once<R>(ctx: Ctx, key: string | null | undefined, operation: string, work: (trx: Ctx) => Promise<R>): Promise<R> {
  if (key === null || key === undefined) return inTransaction(ctx, work);
  validateKey(key);
  const replay = await stored<R>(ctx, key, operation);
  if (replay !== undefined) return replay;
  try {
    return await inTransaction(ctx, async (trx) => {
      const result = await work(trx);
      await trx.db(T.idempotency).insert({ key, operation, result: toJson(result), created_at: Date.now() });
      return result;
    });
  } catch (error) {
    // Inside a caller's transaction the failed insert poisons it (PostgreSQL): let it fail.
    if (!isUniqueViolation(error) || isTransaction(ctx.db)) throw error;
    const first = await stored<R>(ctx, key, operation);
    if (first === undefined) throw error;
    return first;
  }
}
