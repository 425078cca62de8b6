import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the fulfillment module. */
export const FulfillmentTables = {
  /** One shipment or pickup of (part of) an order from one location. */
  fulfillment: 'fulfillment',
  /** The order-line quantities a fulfillment carries. */
  line: 'fulfillment_line',
  /** Wrong pickup codes per order (throttling). */
  pickupAttempt: 'fulfillment_pickup_attempt',
} as const;

/** Tables of the orders module this module reads (ids only; no foreign keys across modules). */
export const OrderTables = {
  order: 'sales_order',
  line: 'sales_order_line',
} as const;

const T = FulfillmentTables;

// Timestamps are epoch milliseconds; ids are plain strings (orders and locations live in
// other modules, so there are no foreign keys to them).
async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.fulfillment, (t) => {
    t.string('id', 40).primary();
    t.string('order_id', 64).notNullable();
    t.string('platform_id', 40).notNullable();
    t.string('location_id', 40).notNullable();
    t.string('mode', 16).notNullable();
    t.string('state', 64).notNullable();
    t.string('status', 16).notNullable();
    t.string('process_instance_id', 40).nullable();
    t.string('carrier', 100).nullable();
    t.string('tracking_number', 100).nullable();
    t.string('tracking_url', 500).nullable();
    t.string('cancel_reason', 500).nullable();
    t.bigInteger('packed_at').nullable();
    t.bigInteger('shipped_at').nullable();
    t.bigInteger('delivered_at').nullable();
    t.string('collected_by_staff_id', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['order_id'], 'fulfillment_order_idx');
    // A store's pick list: its open fulfillments, oldest first.
    t.index(['location_id', 'status', 'id'], 'fulfillment_location_idx');
    t.index(['status', 'id'], 'fulfillment_status_idx');
  });
  await knex.schema.createTable(T.line, (t) => {
    t.string('id', 40).primary();
    t.string('fulfillment_id', 40).notNullable().references('id').inTable(T.fulfillment);
    t.string('order_line_id', 40).notNullable();
    t.integer('quantity').notNullable();
    t.index(['fulfillment_id'], 'fulfillment_line_fulfillment_idx');
    t.index(['order_line_id'], 'fulfillment_line_order_line_idx');
  });
  await knex.schema.createTable(T.pickupAttempt, (t) => {
    t.string('order_id', 64).primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.bigInteger('locked_until').nullable();
    t.bigInteger('updated_at').notNullable();
  });
}

async function down(knex: Knex): Promise<void> {
  for (const table of [T.pickupAttempt, T.line, T.fulfillment]) await knex.schema.dropTableIfExists(table);
}

export const fulfillmentMigrations: Migration[] = [{ name: '0001_create_fulfillment', up, down }];
