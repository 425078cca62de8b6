import type { Ctx } from '../../kernel/context.js';
import { isTransaction } from '../../db/transaction.js';

/** Attempts of a write that lost a lock race before the error is passed on. */
const MAX_ATTEMPTS = 50;

/**
 * Lock contention that is safe to retry as a whole transaction: SQLite's SQLITE_BUSY (another
 * connection holds the write lock — several processes or connections on one file) and
 * PostgreSQL deadlocks (40P01) and serialization failures (40001).
 */
export function isRetryableLockError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code === '40P01' || code === '40001';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a write transaction, and runs it again (after a short random pause) when it lost a lock
 * race. Only at the outermost level: inside a caller's transaction the caller decides.
 */
export async function withLockRetry<R>(ctx: Ctx, work: () => Promise<R>): Promise<R> {
  if (isTransaction(ctx.db)) return work();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryableLockError(error) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(2 + Math.random() * Math.min(50, attempt * 5));
    }
  }
}
