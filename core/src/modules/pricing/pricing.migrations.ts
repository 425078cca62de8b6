import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';
import { dialectOf } from '../../db/database.js';
import { PricingTables as T } from './pricing.tables.js';

// Amounts are integers in the currency's minor unit (bigint); timestamps epoch ms (bigint).

async function createPriceList(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.priceList, (t) => {
    t.string('id', 40).primary();
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    t.string('currency', 3).notNullable();
    // active | archived: an archived list prices nothing.
    t.string('status', 16).notNullable().defaultTo('active');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['code'], { indexName: 'pricing_price_list_code_uq' });
    t.index(['status', 'id'], 'pricing_price_list_status_idx');
  });
}

async function createPrice(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.price, (t) => {
    t.string('id', 40).primary();
    t.string('price_list_id', 40).notNullable().references('id').inTable(T.priceList).onDelete('CASCADE');
    t.string('variant_id', 40).notNullable().references('id').inTable('catalog_variant').onDelete('CASCADE');
    t.bigInteger('amount').notNullable();
    t.bigInteger('compare_at_amount').nullable();
    // No foreign key: the customers module comes later.
    t.string('customer_group_id', 40).nullable();
    t.bigInteger('starts_at').nullable();
    t.bigInteger('ends_at').nullable();
    t.integer('min_quantity').notNullable().defaultTo(1);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    // Admin "prices of a variant" across lists.
    t.index(['variant_id', 'price_list_id'], 'pricing_price_variant_idx');
    // Admin pages of a list's prices (keyset on id).
    t.index(['price_list_id', 'id'], 'pricing_price_by_list_idx');
  });
  // The natural key, unique with NULLs folded (NULLs are distinct in plain unique indexes on both
  // databases). Its prefix (price_list_id, variant_id) also serves the resolution lookup.
  await knex.raw(
    `create unique index pricing_price_key_uq on ${T.price} (price_list_id, variant_id, coalesce(customer_group_id, ''), coalesce(starts_at, -1), min_quantity)`,
  );
}

async function createPlatformSetting(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.platformSetting, (t) => {
    t.string('platform_id', 40).primary().references('id').inTable('platform').onDelete('CASCADE');
    t.boolean('prices_include_tax').notNullable().defaultTo(false);
    t.bigInteger('updated_at').notNullable();
  });
}

/** The pricing module's schema migrations. */
export const pricingMigrations: Migration[] = [
  {
    name: '0001_pricing',
    async up(knex) {
      await createPriceList(knex);
      await createPrice(knex);
      await createPlatformSetting(knex);
      // platform.price_list_id → price list. SQLite cannot add a constraint to an existing
      // table (the service validates the link there); PostgreSQL gets the real foreign key.
      if (dialectOf(knex) === 'postgres') {
        await knex.schema.alterTable('platform', (t) => {
          t.foreign('price_list_id', 'platform_price_list_fk').references('id').inTable(T.priceList).onDelete('SET NULL');
        });
      }
      await knex.schema.alterTable('platform', (t) => {
        t.index(['price_list_id'], 'platform_price_list_idx');
      });
    },
    async down(knex) {
      await knex.schema.alterTable('platform', (t) => {
        t.dropIndex(['price_list_id'], 'platform_price_list_idx');
      });
      if (dialectOf(knex) === 'postgres') {
        await knex.schema.alterTable('platform', (t) => {
          t.dropForeign(['price_list_id'], 'platform_price_list_fk');
        });
      }
      await knex.schema.dropTableIfExists(T.platformSetting);
      await knex.schema.dropTableIfExists(T.price);
      await knex.schema.dropTableIfExists(T.priceList);
    },
  },
];
