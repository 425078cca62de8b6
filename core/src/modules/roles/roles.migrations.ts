import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';
import { RolesTables as T } from './roles.tables.js';

async function createStaff(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.staff, (t) => {
    t.string('id', 40).primary();
    t.string('email', 320).notNullable().unique('plaza_staff_email_unique');
    t.string('name', 200).notNullable();
    t.string('password_hash', 300).notNullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.integer('failed_login_count').notNullable().defaultTo(0);
    t.bigInteger('locked_until').nullable();
    t.bigInteger('last_login_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable(T.session, (t) => {
    t.string('id', 40).primary();
    t.string('staff_id', 40).notNullable().references('id').inTable(T.staff).onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique('plaza_staff_session_token_unique');
    t.string('ip', 64).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_used_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('revoked_at').nullable();
    t.string('revoked_reason', 32).nullable();
    t.index(['staff_id', 'revoked_at'], 'plaza_staff_session_staff_idx');
    t.index(['expires_at'], 'plaza_staff_session_expires_idx');
  });
}

async function createRoles(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.role, (t) => {
    t.string('id', 40).primary();
    t.string('code', 64).notNullable().unique('plaza_role_code_unique');
    t.string('name', 100).notNullable();
    t.string('description', 500).nullable();
    t.text('permissions').notNullable();
    t.boolean('built_in').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable(T.assignment, (t) => {
    t.string('id', 40).primary();
    t.string('staff_id', 40).notNullable().references('id').inTable(T.staff).onDelete('CASCADE');
    t.string('role_id', 40).notNullable().references('id').inTable(T.role);
    // JSON text on both dialects, so scope filters are plain LIKE '%"plat_…"%' matches.
    t.text('platform_ids').nullable();
    t.text('location_ids').nullable();
    t.string('created_by', 60).nullable();
    t.bigInteger('created_at').notNullable();
    t.index(['staff_id'], 'plaza_role_assignment_staff_idx');
    t.index(['role_id'], 'plaza_role_assignment_role_idx');
  });
  await knex.schema.createTable(T.defaultsApplied, (t) => {
    t.string('kind', 16).notNullable();
    t.string('code', 120).notNullable();
    t.bigInteger('applied_at').notNullable();
    t.primary(['kind', 'code']);
  });
}

async function createIntegrationTokens(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.integrationToken, (t) => {
    t.string('id', 40).primary();
    t.string('name', 100).notNullable();
    t.string('token_hash', 64).notNullable().unique('plaza_integration_token_hash_unique');
    t.string('token_hint', 16).notNullable();
    t.string('role_id', 40).nullable().references('id').inTable(T.role).onDelete('SET NULL');
    t.text('platform_ids').nullable();
    t.text('location_ids').nullable();
    t.string('created_by', 60).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_used_at').nullable();
    t.bigInteger('expires_at').nullable();
    t.bigInteger('revoked_at').nullable();
    t.index(['role_id'], 'plaza_integration_token_role_idx');
  });
}

/** Staff, sessions, roles, assignments, integration tokens and the defaults-applied ledger. */
export const rolesMigrations: Migration[] = [
  {
    name: '0001_staff_roles',
    async up(knex) {
      await createStaff(knex);
      await createRoles(knex);
      await createIntegrationTokens(knex);
    },
    async down(knex) {
      for (const table of [T.integrationToken, T.defaultsApplied, T.assignment, T.role, T.session, T.staff]) await knex.schema.dropTableIfExists(table);
    },
  },
];
