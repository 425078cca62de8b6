import type { Migration } from '../../kernel/plugin.js';
import { ShippingTables as T } from './shipping.tables.js';

/** The shipping module's schema migrations. Money in minor units, timestamps epoch ms (bigint). */
export const shippingMigrations: Migration[] = [
  {
    name: '0001_shipping',
    async up(knex) {
      await knex.schema.createTable(T.zone, (t) => {
        t.string('id', 40).primary();
        t.string('code', 64).notNullable();
        t.string('name', 200).notNullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('updated_at').notNullable();
        t.unique(['code'], { indexName: 'shipping_zone_code_uq' });
      });
      await knex.schema.createTable(T.zoneMember, (t) => {
        t.string('id', 40).primary();
        t.string('zone_id', 40).notNullable().references('id').inTable(T.zone).onDelete('CASCADE');
        t.string('country', 2).notNullable();
        t.string('region', 16).nullable();
        t.string('postal_prefix', 16).nullable();
        t.integer('position').notNullable();
        t.index(['zone_id', 'position'], 'shipping_zone_member_zone_idx');
        t.index(['country'], 'shipping_zone_member_country_idx');
      });
      await knex.schema.createTable(T.method, (t) => {
        t.string('id', 40).primary();
        t.string('zone_id', 40).notNullable().references('id').inTable(T.zone).onDelete('CASCADE');
        t.string('code', 64).notNullable();
        t.string('name', 200).notNullable();
        t.string('carrier', 100).nullable();
        t.integer('min_days').notNullable();
        t.integer('max_days').notNullable();
        t.boolean('active').notNullable().defaultTo(true);
        // JSON array of platform ids; empty = every platform.
        t.text('platform_ids').notNullable();
        t.string('rate_type', 16).notNullable();
        t.integer('position').notNullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('updated_at').notNullable();
        t.unique(['zone_id', 'code'], { indexName: 'shipping_method_zone_code_uq' });
      });
      await knex.schema.createTable(T.rate, (t) => {
        t.string('id', 40).primary();
        t.string('method_id', 40).notNullable().references('id').inTable(T.method).onDelete('CASCADE');
        t.string('currency', 3).notNullable();
        t.bigInteger('min_value').notNullable();
        t.bigInteger('max_value').nullable();
        t.bigInteger('amount').notNullable();
        t.index(['method_id', 'currency', 'min_value'], 'shipping_rate_method_idx');
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(T.rate);
      await knex.schema.dropTableIfExists(T.method);
      await knex.schema.dropTableIfExists(T.zoneMember);
      await knex.schema.dropTableIfExists(T.zone);
    },
  },
];
