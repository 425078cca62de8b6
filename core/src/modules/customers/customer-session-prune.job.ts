import type { Knex } from 'knex';
import { defineJob } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { CustomerTables as T } from './customer.migrations.js';

/** Ended customer sessions and used or expired e-mail tokens are kept this long, then deleted. */
export const ENDED_CUSTOMER_SESSION_RETENTION_MS = 30 * 86_400_000;

/** Deletes customer sessions and e-mail tokens that ended more than 30 days before `now`; returns how many of each. */
export async function pruneCustomerSessions(db: Knex, now = Date.now()): Promise<{ sessions: number; tokens: number }> {
  const boundary = now - ENDED_CUSTOMER_SESSION_RETENTION_MS;
  const sessions = await db(T.session)
    .where((q) => q.where('expires_at', '<', boundary).orWhere('revoked_at', '<', boundary))
    .delete();
  const tokens = await db(T.token)
    .where((q) => q.where('expires_at', '<', boundary).orWhere('used_at', '<', boundary))
    .delete();
  return { sessions, tokens };
}

/** Daily job `customers.sessions.prune`: keeps customer sessions and tokens to live and recently ended ones. */
export const pruneCustomerSessionsJob = defineJob({
  name: 'customers.sessions.prune',
  description: 'Deletes customer sessions and account e-mail tokens that ended more than 30 days ago',
  cron: '37 3 * * *',
  async run(_payload, _ctx, scope) {
    const deleted = await pruneCustomerSessions(scope.container.resolve(Tokens.Database));
    if (deleted.sessions + deleted.tokens > 0) scope.logger.info(deleted, 'deleted ended customer sessions and tokens');
  },
});
