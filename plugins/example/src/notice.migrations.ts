import type { Migration } from '@plaza/core';

/** The plugin's tables: notices, and what the subscriber recorded about them. */
export const noticeMigrations: Migration[] = [
  {
    name: '0001_store_notice',
    async up(knex) {
      await knex.schema.createTable('example_store_notice', (t) => {
        t.string('id', 40).primary();
        t.string('title', 200).notNullable();
        t.text('body').notNullable();
        t.string('status', 20).notNullable().defaultTo('active');
        t.bigInteger('expires_at').nullable();
        t.string('created_by', 60).notNullable();
        t.bigInteger('created_at').notNullable();
        t.index(['status', 'expires_at'], 'example_store_notice_status_expires_idx');
      });
      await knex.schema.createTable('example_notice_activity', (t) => {
        t.string('event_id', 40).primary();
        t.string('notice_id', 40).notNullable().references('id').inTable('example_store_notice').onDelete('CASCADE');
        t.string('kind', 40).notNullable();
        t.bigInteger('recorded_at').notNullable();
        t.index(['notice_id'], 'example_notice_activity_notice_idx');
      });
    },
    async down(knex) {
      await knex.schema.dropTable('example_notice_activity');
      await knex.schema.dropTable('example_store_notice');
    },
  },
];
