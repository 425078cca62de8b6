import type { Knex } from 'knex';
import type { Migration } from '../../../kernel/plugin.js';

/** Table names of the locations module. */
export const LocationTables = { location: 'inventory_location', platformLocation: 'inventory_platform_location' } as const;

// Timestamps are epoch milliseconds in bigints (same comparisons on SQLite and PostgreSQL).
// Address and opening hours are JSON (text on SQLite, jsonb on PostgreSQL): they are read and
// written whole, never queried inside.

async function createLocation(knex: Knex): Promise<void> {
  await knex.schema.createTable(LocationTables.location, (t) => {
    t.string('id', 40).primary();
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    t.string('type', 16).notNullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.jsonb('address').nullable();
    t.double('latitude').nullable();
    t.double('longitude').nullable();
    t.string('time_zone', 64).notNullable();
    t.jsonb('opening_hours').nullable();
    t.boolean('pickup_enabled').notNullable().defaultTo(false);
    t.boolean('ship_from_enabled').notNullable().defaultTo(true);
    t.integer('preparation_minutes').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['code'], { indexName: 'inventory_location_code_uq' });
    t.index(['status', 'id'], 'inventory_location_status_idx');
    t.index(['type', 'id'], 'inventory_location_type_idx');
  });
}

async function createPlatformLocation(knex: Knex): Promise<void> {
  await knex.schema.createTable(LocationTables.platformLocation, (t) => {
    t.string('platform_id', 40).notNullable().references('id').inTable('platform').onDelete('CASCADE');
    t.string('location_id', 40).notNullable().references('id').inTable(LocationTables.location);
    t.integer('position').notNullable();
    t.integer('safety_stock').notNullable().defaultTo(0);
    t.primary(['platform_id', 'location_id']);
    t.unique(['platform_id', 'position'], { indexName: 'inventory_platform_location_position_uq' });
    t.index(['location_id'], 'inventory_platform_location_location_idx');
  });
}

/** The module's schema migrations. */
export const locationMigrations: Migration[] = [
  {
    name: '0001_inventory_location',
    async up(knex) {
      await createLocation(knex);
      await createPlatformLocation(knex);
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(LocationTables.platformLocation);
      await knex.schema.dropTableIfExists(LocationTables.location);
    },
  },
];
