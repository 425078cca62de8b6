import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the platforms module. */
export const PlatformTables = { platform: 'platform', key: 'platform_key' } as const;

// Timestamps are epoch milliseconds in bigints (same comparisons on SQLite and PostgreSQL).
// What later issues attach to a platform lives in their own modules' tables, keyed by
// platform_id: the price list here (price_list_id; the pricing module adds its foreign key),
// stock locations in an ordered platform↔location table of the inventory module, process
// bindings in a platform↔process table of the processes module.

async function createPlatform(knex: Knex): Promise<void> {
  await knex.schema.createTable(PlatformTables.platform, (t) => {
    t.string('id', 40).primary();
    t.string('code', 40).notNullable();
    t.string('name', 200).notNullable();
    t.string('type', 40).notNullable();
    t.string('currency', 3).notNullable();
    t.string('locale', 35).notNullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.jsonb('settings').notNullable();
    t.string('price_list_id', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['code'], { indexName: 'platform_code_uq' });
    t.index(['status', 'id'], 'platform_status_idx');
    t.index(['type', 'id'], 'platform_type_idx');
    t.index(['created_at', 'id'], 'platform_created_idx');
  });
}

async function createPlatformKey(knex: Knex): Promise<void> {
  await knex.schema.createTable(PlatformTables.key, (t) => {
    t.string('id', 40).primary();
    t.string('platform_id', 40).notNullable().references('id').inTable(PlatformTables.platform).onDelete('CASCADE');
    t.string('label', 100).notNullable();
    // sha256 hex of the whole key; the key itself is never stored.
    t.string('key_hash', 64).notNullable();
    t.string('key_prefix', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.string('created_by', 64).nullable();
    t.bigInteger('revoked_at').nullable();
    t.string('revoked_by', 64).nullable();
    t.bigInteger('last_used_at').nullable();
    t.unique(['key_hash'], { indexName: 'platform_key_hash_uq' });
    t.index(['platform_id', 'id'], 'platform_key_platform_idx');
  });
}

/** The module's schema migrations. */
export const platformMigrations: Migration[] = [
  {
    name: '0001_platform',
    async up(knex) {
      await createPlatform(knex);
      await createPlatformKey(knex);
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(PlatformTables.key);
      await knex.schema.dropTableIfExists(PlatformTables.platform);
    },
  },
];
