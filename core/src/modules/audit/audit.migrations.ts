import type { Migration } from '../../kernel/plugin.js';

/** `audit_entry`: append-only record of every write by staff, integrations and the system. */
export const auditMigrations: Migration[] = [
  {
    name: '0001_audit_entry',
    async up(knex) {
      await knex.schema.createTable('audit_entry', (t) => {
        t.string('id', 40).primary();
        t.bigInteger('occurred_at').notNullable();
        t.string('actor_kind', 20).notNullable();
        t.string('actor_id', 64).notNullable();
        t.string('actor_name', 200).nullable();
        t.string('action', 100).notNullable();
        t.string('entity_type', 60).notNullable();
        t.string('entity_id', 64).notNullable();
        t.string('platform_id', 64).nullable();
        t.text('before').nullable();
        t.text('after').nullable();
        t.string('request_id', 64).nullable();
        t.string('ip', 64).nullable();
        // Lists are newest first (ids are time-ordered) with one optional filter.
        t.index(['entity_type', 'entity_id', 'id'], 'audit_entry_entity_idx');
        t.index(['actor_id', 'id'], 'audit_entry_actor_idx');
        t.index(['platform_id', 'id'], 'audit_entry_platform_idx');
        t.index(['action', 'id'], 'audit_entry_action_idx');
      });
    },
    async down(knex) {
      await knex.schema.dropTable('audit_entry');
    },
  },
];
