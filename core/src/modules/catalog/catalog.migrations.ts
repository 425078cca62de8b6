import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';
import { CatalogTables as T } from './catalog.tables.js';

// Timestamps are epoch milliseconds in bigints; JSON in jsonb (text on SQLite).

async function createProducts(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.product, (t) => {
    t.string('id', 40).primary();
    // URL slug, unique: storefront paths and CSV import match products by handle.
    t.string('handle', 200).notNullable();
    t.string('title', 500).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.string('brand', 200).nullable();
    t.string('status', 16).notNullable().defaultTo('draft');
    // Custom attributes, validated against catalog_attribute definitions.
    t.jsonb('attributes').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['handle'], { indexName: 'catalog_product_handle_uq' });
    t.index(['status', 'id'], 'catalog_product_status_idx');
    t.index(['brand', 'id'], 'catalog_product_brand_idx');
    t.index(['created_at', 'id'], 'catalog_product_created_idx');
    t.index(['updated_at', 'id'], 'catalog_product_updated_idx');
  });
  await knex.schema.createTable(T.option, (t) => {
    t.string('id', 40).primary();
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('name', 100).notNullable();
    t.integer('position').notNullable();
    // Ordered list of allowed values, e.g. ["S","M","L"].
    t.jsonb('values').notNullable();
    t.unique(['product_id', 'name'], { indexName: 'catalog_option_name_uq' });
  });
  await knex.schema.createTable(T.variant, (t) => {
    t.string('id', 40).primary();
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('sku', 100).notNullable();
    // GS1 GTIN, check digit verified, left-padded with zeros to 14 digits.
    t.string('gtin', 14).nullable();
    t.string('title', 500).notNullable();
    t.integer('position').notNullable();
    // { "<option name>": "<value>" } — one value per product option.
    t.jsonb('option_values').notNullable();
    t.jsonb('attributes').notNullable();
    t.integer('weight_grams').nullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['sku'], { indexName: 'catalog_variant_sku_uq' });
    t.unique(['gtin'], { indexName: 'catalog_variant_gtin_uq' });
    t.index(['product_id', 'position'], 'catalog_variant_product_idx');
  });
  await knex.schema.createTable(T.translation, (t) => {
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('locale', 35).notNullable();
    t.string('title', 500).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.primary(['product_id', 'locale']);
  });
  await knex.schema.createTable(T.media, (t) => {
    t.string('id', 40).primary();
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('variant_id', 40).nullable().references('id').inTable(T.variant).onDelete('CASCADE');
    t.string('url', 2000).notNullable();
    t.string('alt', 500).notNullable().defaultTo('');
    t.integer('position').notNullable();
    t.index(['product_id', 'position'], 'catalog_media_product_idx');
  });
}

async function createTaxonomy(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.category, (t) => {
    t.string('id', 40).primary();
    t.string('parent_id', 40).nullable().references('id').inTable(T.category).onDelete('RESTRICT');
    t.string('handle', 200).notNullable();
    t.string('name', 200).notNullable();
    // Materialized path of ids, "/cat_a/cat_b/", for subtree queries with LIKE 'prefix%'.
    t.string('path', 2000).notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['handle'], { indexName: 'catalog_category_handle_uq' });
    t.index(['parent_id', 'position'], 'catalog_category_parent_idx');
    t.index(['path'], 'catalog_category_path_idx');
  });
  await knex.schema.createTable(T.productCategory, (t) => {
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('category_id', 40).notNullable().references('id').inTable(T.category).onDelete('CASCADE');
    t.primary(['product_id', 'category_id']);
    t.index(['category_id', 'product_id'], 'catalog_product_category_cat_idx');
  });
  await knex.schema.createTable(T.collection, (t) => {
    t.string('id', 40).primary();
    t.string('handle', 200).notNullable();
    t.string('title', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['handle'], { indexName: 'catalog_collection_handle_uq' });
  });
  await knex.schema.createTable(T.collectionProduct, (t) => {
    t.string('collection_id', 40).notNullable().references('id').inTable(T.collection).onDelete('CASCADE');
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.integer('position').notNullable().defaultTo(0);
    t.primary(['collection_id', 'product_id']);
    t.index(['product_id'], 'catalog_collection_product_prod_idx');
  });
}

async function createAssortmentAndAttributes(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.productPlatform, (t) => {
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('platform_id', 40).notNullable().references('id').inTable('platform').onDelete('CASCADE');
    t.bigInteger('published_at').notNullable();
    t.primary(['product_id', 'platform_id']);
    // Channel listing: the platform's products in id order.
    t.index(['platform_id', 'product_id'], 'catalog_product_platform_plat_idx');
  });
  await knex.schema.createTable(T.attribute, (t) => {
    t.string('id', 40).primary();
    t.string('code', 64).notNullable();
    t.string('label', 200).notNullable();
    // string | number | boolean | enum | string_list
    t.string('type', 16).notNullable();
    t.jsonb('options').nullable();
    t.boolean('filterable').notNullable().defaultTo(false);
    t.boolean('required').notNullable().defaultTo(false);
    // product | variant
    t.string('applies_to', 16).notNullable().defaultTo('product');
    t.bigInteger('created_at').notNullable();
    t.unique(['code'], { indexName: 'catalog_attribute_code_uq' });
  });
  await knex.schema.createTable(T.searchDocument, (t) => {
    t.increments('rowid').primary();
    t.string('product_id', 40).notNullable().references('id').inTable(T.product).onDelete('CASCADE');
    t.string('locale', 35).notNullable();
    t.text('title').notNullable();
    t.text('description').notNullable();
    t.text('brand').notNullable();
    // Space-separated SKUs and GTINs of the product's variants.
    t.text('codes').notNullable();
    t.unique(['product_id', 'locale'], { indexName: 'catalog_search_document_uq' });
  });
}

/** The catalog module's schema migrations. */
export const catalogMigrations: Migration[] = [
  {
    name: '0001_catalog',
    async up(knex) {
      await createProducts(knex);
      await createTaxonomy(knex);
      await createAssortmentAndAttributes(knex);
    },
    async down(knex) {
      for (const table of [T.searchDocument, T.attribute, T.productPlatform, T.collectionProduct, T.collection, T.productCategory, T.category, T.media, T.translation, T.variant, T.option, T.product]) {
        await knex.schema.dropTableIfExists(table);
      }
    },
  },
  {
    // The tax category checkout taxes a variant's lines with (tax/tax-engine.ts TAX_CATEGORIES).
    name: '0002_variant_tax_category',
    async up(knex) {
      await knex.schema.alterTable(T.variant, (t) => {
        t.string('tax_category', 16).notNullable().defaultTo('standard');
      });
    },
    async down(knex) {
      await knex.schema.alterTable(T.variant, (t) => {
        t.dropColumn('tax_category');
      });
    },
  },
];
