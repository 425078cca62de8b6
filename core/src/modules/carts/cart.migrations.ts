import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the carts module. */
export const CartTables = {
  cart: 'cart',
  line: 'cart_line',
  settings: 'platform_checkout_settings',
} as const;

const T = CartTables;

// Amounts are integer minor units (bigint); timestamps epoch milliseconds. Ids of other
// modules (platform, customer, variant, location, order) are plain strings: no foreign keys.

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.cart, (t) => {
    t.string('id', 40).primary();
    t.string('platform_id', 40).notNullable();
    /** `cart` (a shopper's) or `draft` (a draft order staff build). */
    t.string('kind', 16).notNullable().defaultTo('cart');
    t.string('status', 16).notNullable();
    t.string('customer_id', 40).nullable();
    t.string('email', 320).nullable();
    t.string('phone', 40).nullable();
    t.string('currency', 3).notNullable();
    t.string('locale', 35).nullable();
    t.boolean('prices_include_tax').notNullable();
    t.bigInteger('subtotal').notNullable().defaultTo(0);
    t.bigInteger('discount_total').notNullable().defaultTo(0);
    t.bigInteger('tax_total').notNullable().defaultTo(0);
    t.bigInteger('shipping_total').notNullable().defaultTo(0);
    t.bigInteger('shipping_tax').notNullable().defaultTo(0);
    t.bigInteger('total').notNullable().defaultTo(0);
    t.integer('item_count').notNullable().defaultTo(0);
    t.jsonb('tax_lines').notNullable();
    t.jsonb('adjustments').notNullable();
    t.jsonb('shipping_address').nullable();
    t.jsonb('billing_address').nullable();
    /** SHIP / PICKUP / ORDER_AHEAD choice: { mode, shippingMethodId, code, name, price, locationId, locationName, readyAt, slotStart, slotEnd }. */
    t.jsonb('delivery').nullable();
    t.bigInteger('reserved_until').nullable();
    t.string('pending_order_id', 40).nullable();
    t.string('order_id', 40).nullable();
    t.string('created_by_staff_id', 40).nullable();
    /** Optimistic concurrency: every write bumps it (a cart is priced outside its write transaction). */
    t.integer('version').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['platform_id', 'kind', 'created_at'], 'cart_platform_kind_idx');
    t.index(['customer_id'], 'cart_customer_idx');
    t.index(['status', 'updated_at'], 'cart_status_updated_idx');
  });
  await knex.schema.createTable(T.line, (t) => {
    t.string('id', 40).primary();
    t.string('cart_id', 40).notNullable().references('id').inTable(T.cart).onDelete('CASCADE');
    t.string('variant_id', 40).notNullable();
    t.string('product_id', 40).notNullable();
    t.string('sku', 100).notNullable();
    t.string('title', 500).notNullable();
    t.integer('quantity').notNullable();
    t.bigInteger('unit_price').notNullable();
    t.bigInteger('compare_at_price').nullable();
    t.bigInteger('discount').notNullable().defaultTo(0);
    t.string('tax_category', 16).notNullable();
    t.integer('tax_rate_bp').notNullable().defaultTo(0);
    t.bigInteger('net').notNullable().defaultTo(0);
    t.bigInteger('tax').notNullable().defaultTo(0);
    t.bigInteger('total').notNullable().defaultTo(0);
    t.integer('weight_grams').nullable();
    t.string('location_id', 40).nullable();
    t.integer('position').notNullable();
    t.unique(['cart_id', 'variant_id'], { indexName: 'cart_line_variant_uq' });
  });
  await knex.schema.createTable(T.settings, (t) => {
    t.string('platform_id', 40).primary();
    t.boolean('prices_include_tax').notNullable().defaultTo(true);
    t.integer('reservation_ttl_minutes').notNullable().defaultTo(15);
    t.string('payment_capture', 16).notNullable().defaultTo('sale');
    t.string('storefront_url', 500).nullable();
    t.bigInteger('updated_at').notNullable();
  });
}

async function down(knex: Knex): Promise<void> {
  for (const table of [T.settings, T.line, T.cart]) await knex.schema.dropTableIfExists(table);
}

/** The carts module's migrations, in order. */
export const cartMigrations: Migration[] = [{ name: '0001_create_carts', up, down }];
