import type { Migration } from '../kernel/plugin.js';
import { JOB_SCHEDULE_TABLE, JOB_TABLE } from './job-rows.js';

/**
 * The job queue's tables, valid on SQLite and PostgreSQL. Times are epoch milliseconds
 * (bigint) so comparisons behave the same on both dialects. `unique_key` is unique while set
 * and cleared when a job finishes, which gives "one waiting or running job per key" on both
 * dialects without partial indexes.
 */
export const jobMigrations: Migration[] = [
  {
    name: '0001_jobs',
    async up(knex) {
      await knex.schema.createTable(JOB_TABLE, (t) => {
        t.string('id', 40).primary();
        t.string('name', 200).notNullable();
        t.text('payload').notNullable();
        t.enu('status', ['waiting', 'running', 'completed', 'failed']).notNullable();
        t.integer('attempts').notNullable().defaultTo(0);
        t.integer('max_attempts').notNullable();
        t.bigInteger('run_at').notNullable();
        t.string('locked_by', 80).nullable();
        t.bigInteger('locked_until').nullable();
        t.text('last_error').nullable();
        t.string('unique_key', 300).nullable().unique({ indexName: 'plaza_job_unique_key_uq' });
        t.bigInteger('created_at').notNullable();
        t.bigInteger('finished_at').nullable();
        t.index(['status', 'run_at'], 'plaza_job_status_run_at_idx');
      });
      await knex.schema.createTable(JOB_SCHEDULE_TABLE, (t) => {
        t.string('name', 200).primary();
        t.string('cron', 120).notNullable();
        t.string('timezone', 64).notNullable();
        t.bigInteger('next_run_at').notNullable();
        t.bigInteger('last_run_at').nullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(JOB_SCHEDULE_TABLE);
      await knex.schema.dropTableIfExists(JOB_TABLE);
    },
  },
];
