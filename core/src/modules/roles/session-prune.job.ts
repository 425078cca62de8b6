import type { Knex } from 'knex';
import { defineJob } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { RolesTables as T } from './roles.tables.js';

/** Ended sessions are kept this long (for "recent sign-ins" questions), then deleted. */
export const ENDED_SESSION_RETENTION_MS = 30 * 86_400_000;

/** Deletes sessions that ended (expired or revoked) more than 30 days before `now`; returns how many. */
export async function pruneEndedSessions(db: Knex, now = Date.now()): Promise<number> {
  const boundary = now - ENDED_SESSION_RETENTION_MS;
  return db(T.session)
    .where((q) => q.where('expires_at', '<', boundary).orWhere('revoked_at', '<', boundary))
    .delete();
}

/** Daily job `roles.sessions.prune`: keeps the session table to live and recently ended sessions. */
export const pruneSessionsJob = defineJob({
  name: 'roles.sessions.prune',
  description: 'Deletes staff sessions that ended more than 30 days ago',
  cron: '23 3 * * *',
  async run(_payload, _ctx, scope) {
    const deleted = await pruneEndedSessions(scope.container.resolve(Tokens.Database));
    if (deleted > 0) scope.logger.info({ deleted }, 'deleted ended staff sessions');
  },
});
