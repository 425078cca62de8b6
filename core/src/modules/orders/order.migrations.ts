import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the orders module (`order` is a reserved word, hence `sales_order`). */
export const OrderTables = {
  order: 'sales_order',
  line: 'sales_order_line',
  adjustment: 'sales_order_adjustment',
  numberSequence: 'order_number_sequence',
  edit: 'sales_order_edit',
} as const;

const T = OrderTables;

// Amounts are integer minor units (bigint); timestamps epoch milliseconds. Platform, customer,
// variant and location ids are plain strings (no foreign keys: they live in other modules, and
// orders outlive the erasure of a customer's personal data).

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.order, (t) => {
    t.string('id', 64).primary();
    t.string('platform_id', 40).notNullable();
    t.string('number', 40).notNullable();
    t.string('external_reference', 200).nullable();
    t.string('customer_id', 40).nullable();
    t.string('email', 320).nullable();
    t.string('phone', 40).nullable();
    t.string('currency', 3).notNullable();
    t.string('locale', 35).nullable();
    t.boolean('prices_include_tax').notNullable();
    t.string('mode', 16).notNullable();
    t.string('status', 16).notNullable();
    t.string('state', 64).notNullable();
    t.string('payment_status', 24).notNullable();
    for (const column of ['subtotal', 'discount_total', 'tax_total', 'shipping_total', 'total', 'paid_total', 'refunded_total']) {
      t.bigInteger(column).notNullable().defaultTo(0);
    }
    t.string('shipping_method_id', 40).nullable();
    t.string('shipping_method_code', 64).nullable();
    t.string('pickup_location_id', 40).nullable();
    t.bigInteger('ready_at').nullable();
    t.bigInteger('slot_start').nullable();
    t.bigInteger('slot_end').nullable();
    t.string('pickup_code', 12).nullable();
    t.text('shipping_address').notNullable();
    t.text('billing_address').notNullable();
    t.text('note').nullable();
    t.text('tags').notNullable();
    t.string('sold_by_staff_id', 40).nullable();
    t.string('sold_at_location_id', 40).nullable();
    t.string('cart_id', 64).nullable();
    t.string('process_instance_id', 40).nullable();
    t.string('idempotency_key', 200).notNullable();
    t.string('access_token_hash', 64).nullable();
    t.bigInteger('placed_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('cancelled_at').nullable();
    t.unique(['platform_id', 'number'], { indexName: 'sales_order_number_uq' });
    t.unique(['platform_id', 'external_reference'], { indexName: 'sales_order_external_uq' });
    t.unique(['platform_id', 'idempotency_key'], { indexName: 'sales_order_idempotency_uq' });
    t.index(['platform_id', 'placed_at'], 'sales_order_platform_placed_idx');
    t.index(['customer_id', 'placed_at'], 'sales_order_customer_placed_idx');
    t.index(['state'], 'sales_order_state_idx');
    t.index(['status'], 'sales_order_status_idx');
    t.index(['number'], 'sales_order_number_idx');
    t.index(['email'], 'sales_order_email_idx');
    t.index(['pickup_location_id', 'placed_at'], 'sales_order_pickup_location_idx');
  });
  await knex.schema.createTable(T.line, (t) => {
    t.string('id', 40).primary();
    t.string('order_id', 64).notNullable().references('id').inTable(T.order);
    t.string('source_line_id', 64).nullable();
    t.string('variant_id', 40).notNullable();
    t.string('product_id', 40).notNullable();
    t.string('sku', 120).notNullable();
    t.string('title', 500).notNullable();
    t.integer('quantity').notNullable();
    t.bigInteger('unit_price').notNullable();
    t.bigInteger('compare_at_price').nullable();
    t.bigInteger('discount').notNullable().defaultTo(0);
    t.string('tax_category', 32).notNullable();
    t.integer('tax_rate_bp').notNullable();
    t.bigInteger('net').notNullable();
    t.bigInteger('tax').notNullable();
    t.bigInteger('total').notNullable();
    t.string('location_id', 40).notNullable();
    t.integer('fulfilled_quantity').notNullable().defaultTo(0);
    t.integer('cancelled_quantity').notNullable().defaultTo(0);
    t.integer('position').notNullable();
    t.index(['order_id', 'position'], 'sales_order_line_order_idx');
    t.index(['variant_id'], 'sales_order_line_variant_idx');
  });
  await knex.schema.createTable(T.adjustment, (t) => {
    t.string('id', 40).primary();
    t.string('order_id', 64).notNullable().references('id').inTable(T.order);
    t.string('source', 64).notNullable();
    t.string('code', 64).nullable();
    t.string('label', 200).notNullable();
    t.bigInteger('amount').notNullable();
    t.string('line_id', 64).nullable();
    t.index(['order_id'], 'sales_order_adjustment_order_idx');
  });
  // One row per applied edit: its idempotency key (a retried edit is not applied twice) and totals.
  await knex.schema.createTable(T.edit, (t) => {
    t.string('id', 40).primary();
    t.string('order_id', 64).notNullable().references('id').inTable(T.order);
    t.string('idempotency_key', 60).notNullable();
    t.bigInteger('total_before').notNullable();
    t.bigInteger('total_after').notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['order_id', 'idempotency_key'], { indexName: 'sales_order_edit_key_uq' });
  });
  await knex.schema.createTable(T.numberSequence, (t) => {
    t.string('platform_id', 40).primary();
    t.string('prefix', 12).notNullable();
    t.bigInteger('next_value').notNullable();
  });
}

async function down(knex: Knex): Promise<void> {
  for (const table of [T.numberSequence, T.edit, T.adjustment, T.line, T.order]) await knex.schema.dropTableIfExists(table);
}

/** Migrations of the orders module, in order. */
export const orderMigrations: Migration[] = [{ name: '0001_create_orders', up, down }];
