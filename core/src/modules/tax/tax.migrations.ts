import type { Migration } from '../../kernel/plugin.js';
import { TaxTables as T } from './tax.tables.js';

/** The tax module's schema migrations. Timestamps are epoch ms (bigint). */
export const taxMigrations: Migration[] = [
  {
    name: '0001_tax',
    async up(knex) {
      await knex.schema.createTable(T.zone, (t) => {
        t.string('id', 40).primary();
        t.string('code', 64).notNullable();
        t.string('name', 200).notNullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('updated_at').notNullable();
        // Lookup by code and the admin list (keyset on code).
        t.unique(['code'], { indexName: 'tax_zone_code_uq' });
      });
      await knex.schema.createTable(T.zoneMember, (t) => {
        t.string('id', 40).primary();
        t.string('zone_id', 40).notNullable().references('id').inTable(T.zone).onDelete('CASCADE');
        t.string('country', 2).notNullable();
        t.string('region', 16).nullable();
        t.string('postal_prefix', 16).nullable();
        t.integer('position').notNullable();
        t.index(['zone_id', 'position'], 'tax_zone_member_zone_idx');
        // Resolution by destination country (the cache loads everything; this serves ad-hoc lookups).
        t.index(['country'], 'tax_zone_member_country_idx');
      });
      await knex.schema.createTable(T.rate, (t) => {
        t.string('id', 40).primary();
        t.string('zone_id', 40).notNullable().references('id').inTable(T.zone).onDelete('CASCADE');
        t.string('category', 32).notNullable();
        t.integer('rate_bp').notNullable();
        t.string('name', 100).notNullable();
        t.unique(['zone_id', 'category'], { indexName: 'tax_rate_zone_category_uq' });
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(T.rate);
      await knex.schema.dropTableIfExists(T.zoneMember);
      await knex.schema.dropTableIfExists(T.zone);
    },
  },
];
