import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the processes module. */
export const ProcessTables = {
  definition: 'process_definition',
  version: 'process_version',
  binding: 'process_binding',
  instance: 'process_instance',
  history: 'process_history',
  run: 'process_run',
  wait: 'process_wait',
} as const;

const T = ProcessTables;

// Timestamps are epoch milliseconds in bigints. A version's document is immutable once
// published (the service refuses edits); bindings name an exact published version. The
// binding scope is a platform id or `default` (platforms are disabled, never deleted).

async function createDefinitions(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.definition, (t) => {
    t.string('id', 40).primary();
    t.string('kind', 40).notNullable();
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    t.string('description', 1000).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['code'], { indexName: 'process_definition_code_uq' });
    t.index(['kind', 'code'], 'process_definition_kind_idx');
  });
  await knex.schema.createTable(T.version, (t) => {
    t.string('id', 40).primary();
    t.string('definition_id', 40).notNullable().references('id').inTable(T.definition).onDelete('CASCADE');
    // null while a draft; 1, 2, 3… in publication order.
    t.integer('number').nullable();
    t.string('status', 16).notNullable();
    t.jsonb('document').notNullable();
    t.string('notes', 1000).nullable();
    t.bigInteger('created_at').notNullable();
    t.string('created_by', 64).nullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('published_at').nullable();
    t.string('published_by', 64).nullable();
    t.unique(['definition_id', 'number'], { indexName: 'process_version_number_uq' });
    t.index(['definition_id', 'status'], 'process_version_definition_idx');
  });
  // One draft per definition, also when two editors start one at the same moment.
  await knex.raw(`create unique index process_version_one_draft_uq on ${T.version} (definition_id) where status = 'draft'`);
  await knex.schema.createTable(T.binding, (t) => {
    t.string('id', 40).primary();
    // A platform id, or `default` for platforms that bind nothing of their own.
    t.string('scope', 40).notNullable();
    t.string('kind', 40).notNullable();
    t.string('mode', 40).notNullable();
    t.string('version_id', 40).notNullable().references('id').inTable(T.version);
    t.bigInteger('bound_at').notNullable();
    t.string('bound_by', 64).nullable();
    t.unique(['scope', 'kind', 'mode'], { indexName: 'process_binding_scope_uq' });
    t.index(['version_id'], 'process_binding_version_idx');
  });
}

async function createInstances(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.instance, (t) => {
    t.string('id', 40).primary();
    t.string('kind', 40).notNullable();
    t.string('mode', 40).notNullable();
    t.string('subject_type', 40).notNullable();
    t.string('subject_id', 64).notNullable();
    t.string('platform_id', 40).nullable();
    t.string('customer_id', 40).nullable();
    t.string('definition_id', 40).notNullable().references('id').inTable(T.definition);
    t.string('version_id', 40).notNullable().references('id').inTable(T.version);
    t.string('state', 64).notNullable();
    // Bumped by every completed transition; a stale caller's expected value no longer matches.
    t.integer('seq').notNullable();
    t.string('status', 16).notNullable();
    t.string('outcome', 16).nullable();
    // The run of a transition whose job steps are still going (no other transition meanwhile).
    t.string('run_id', 40).nullable();
    t.jsonb('data').notNullable();
    t.jsonb('tags').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('ended_at').nullable();
    t.unique(['kind', 'subject_type', 'subject_id'], { indexName: 'process_instance_subject_uq' });
    t.index(['kind', 'state', 'id'], 'process_instance_state_idx');
    t.index(['platform_id', 'id'], 'process_instance_platform_idx');
    t.index(['version_id'], 'process_instance_version_idx');
    t.index(['customer_id'], 'process_instance_customer_idx');
  });
  await knex.schema.createTable(T.history, (t) => {
    t.string('id', 40).primary();
    t.string('instance_id', 40).notNullable().references('id').inTable(T.instance).onDelete('CASCADE');
    t.string('transition', 64).notNullable();
    t.string('from_state', 64).nullable();
    t.string('to_state', 64).nullable();
    t.string('trigger', 16).notNullable();
    t.string('outcome', 16).notNullable();
    t.string('actor_kind', 16).nullable();
    t.string('actor_id', 64).nullable();
    t.string('actor_name', 200).nullable();
    t.jsonb('input').notNullable();
    t.jsonb('detail').notNullable();
    t.bigInteger('occurred_at').notNullable();
    t.index(['instance_id', 'id'], 'process_history_instance_idx');
  });
  await knex.schema.createTable(T.run, (t) => {
    t.string('id', 40).primary();
    t.string('instance_id', 40).notNullable().references('id').inTable(T.instance).onDelete('CASCADE');
    t.string('transition', 64).notNullable();
    t.string('trigger', 16).notNullable();
    t.string('status', 16).notNullable();
    t.integer('next_step').notNullable();
    t.integer('attempts').notNullable();
    t.jsonb('actor').notNullable();
    t.jsonb('input').notNullable();
    t.jsonb('completed').notNullable();
    t.jsonb('error').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['instance_id'], 'process_run_instance_idx');
    t.index(['status', 'updated_at'], 'process_run_status_idx');
  });
  await knex.schema.createTable(T.wait, (t) => {
    t.string('id', 40).primary();
    t.string('instance_id', 40).notNullable().references('id').inTable(T.instance).onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.string('event', 120).notNullable();
    t.string('subject_value', 64).notNullable();
    t.string('subject_path', 64).notNullable();
    t.string('transition', 64).notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['event', 'subject_value'], 'process_wait_event_idx');
    t.index(['instance_id'], 'process_wait_instance_idx');
  });
}

/** The module's schema migrations. */
export const processMigrations: Migration[] = [
  {
    name: '0001_process',
    async up(knex) {
      await createDefinitions(knex);
      await createInstances(knex);
    },
    async down(knex) {
      for (const table of [T.wait, T.run, T.history, T.instance, T.binding, T.version, T.definition]) await knex.schema.dropTableIfExists(table);
    },
  },
];
