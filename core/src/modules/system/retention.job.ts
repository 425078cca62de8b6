import type { Knex } from 'knex';
import { encodeTime } from 'ulidx';
import { defineJob } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';

const BATCH = 500;
const DAY_MS = 86_400_000;

/** What one retention run removed. */
export interface RetentionResult {
  events: number;
  jobs: number;
}

async function deleteInBatches(db: Knex, select: () => Knex.QueryBuilder, table: string): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = ((await select().limit(BATCH)) as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return total;
    total += await db(table).whereIn('id', ids).delete();
    if (ids.length < BATCH) return total;
  }
}

/**
 * Deletes what nobody needs any more: outbox events older than `eventsDays` whose every
 * delivery succeeded (their deliveries and webhook attempts go with them), and completed jobs
 * older than `jobsDays`. Dead letters and failed jobs stay for staff to see. Works in batches,
 * through indexes (event ids are time-ordered, so "older than" is an id range).
 */
export async function pruneHistory(db: Knex, retention: { eventsDays: number; jobsDays: number }, now: Date = new Date()): Promise<RetentionResult> {
  const eventBoundary = `evt_${encodeTime(now.getTime() - retention.eventsDays * DAY_MS, 10)}`;
  const events = await deleteInBatches(
    db,
    () =>
      db('plaza_outbox as o')
        .select('o.id')
        .where('o.fanned_out', true)
        .where('o.id', '<', eventBoundary)
        .whereNotExists(db('plaza_event_delivery as d').select(db.raw('1')).whereRaw('d.event_id = o.id').whereNot('d.status', 'delivered')),
    'plaza_outbox',
  );
  const jobCutoff = now.getTime() - retention.jobsDays * DAY_MS;
  const jobs = await deleteInBatches(
    db,
    () => db('plaza_job').select('id').where('status', 'completed').where('run_at', '<', jobCutoff),
    'plaza_job',
  );
  return { events, jobs };
}

/** The daily retention job of the system module (03:17 UTC). */
export const retentionJob = defineJob({
  name: 'plaza.retention',
  description: 'Deletes delivered events and completed jobs past their retention',
  cron: '17 3 * * *',
  maxAttempts: 3,
  async run(_payload, ctx, scope) {
    const config = scope.container.resolve(Tokens.Config);
    const removed = await pruneHistory(ctx.db as Knex, config.retention);
    if (removed.events + removed.jobs > 0) scope.logger.info(removed, 'retention: deleted old delivered events and completed jobs');
  },
});
