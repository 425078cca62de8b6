import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the payments module. */
export const PaymentTables = {
  payment: 'payment',
  transaction: 'payment_transaction',
  webhookEvent: 'payment_webhook_event',
  sandboxIntent: 'sandbox_card_intent',
  sandboxRequest: 'sandbox_card_request',
} as const;

const T = PaymentTables;

// Amounts are integer minor units (bigint); timestamps epoch milliseconds. `order_id`,
// `platform_id` and `customer_id` are plain string ids (no foreign keys: orders live in
// another module, and the ledger outlives erasure of a customer's personal data).

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.payment, (t) => {
    t.string('id', 40).primary();
    t.string('order_id', 64).notNullable();
    t.string('platform_id', 40).notNullable();
    t.string('customer_id', 40).nullable();
    t.string('provider', 64).notNullable();
    t.string('method', 32).notNullable();
    t.string('currency', 3).notNullable();
    t.bigInteger('amount').notNullable();
    t.string('status', 24).notNullable();
    t.bigInteger('authorized_amount').notNullable().defaultTo(0);
    t.bigInteger('captured_amount').notNullable().defaultTo(0);
    t.bigInteger('refunded_amount').notNullable().defaultTo(0);
    t.string('external_ref', 128).nullable();
    t.string('idempotency_key', 200).notNullable();
    t.string('decline_code', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['idempotency_key'], { indexName: 'payment_idempotency_uq' });
    t.unique(['provider', 'external_ref'], { indexName: 'payment_provider_ref_uq' });
    t.index(['order_id'], 'payment_order_idx');
    t.index(['customer_id'], 'payment_customer_idx');
  });
  await knex.schema.createTable(T.transaction, (t) => {
    t.string('id', 40).primary();
    t.string('payment_id', 40).notNullable().references('id').inTable(T.payment);
    t.string('platform_id', 40).notNullable();
    t.string('order_id', 64).notNullable();
    t.string('customer_id', 40).nullable();
    t.string('method', 32).notNullable();
    t.string('provider', 64).notNullable();
    t.string('kind', 16).notNullable();
    t.bigInteger('amount').notNullable();
    t.string('currency', 3).notNullable();
    t.string('status', 16).notNullable();
    t.string('external_ref', 128).nullable();
    t.string('idempotency_key', 200).notNullable();
    t.string('reason', 500).nullable();
    /** UTC day `YYYY-MM-DD` of created_at, for the report. */
    t.string('day', 10).notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['idempotency_key'], { indexName: 'payment_transaction_idempotency_uq' });
    t.index(['payment_id'], 'payment_transaction_payment_idx');
    t.index(['order_id'], 'payment_transaction_order_idx');
    t.index(['customer_id'], 'payment_transaction_customer_idx');
    t.index(['created_at'], 'payment_transaction_created_idx');
    t.index(['platform_id', 'created_at'], 'payment_transaction_platform_idx');
  });
  await knex.schema.createTable(T.webhookEvent, (t) => {
    t.string('provider', 64).notNullable();
    t.string('event_id', 128).notNullable();
    t.string('type', 64).notNullable();
    t.string('external_ref', 128).nullable();
    t.string('outcome', 24).notNullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['provider', 'event_id']);
  });
  // The sandbox card gateway's own state (what a real gateway keeps on its side).
  await knex.schema.createTable(T.sandboxIntent, (t) => {
    t.string('id', 40).primary();
    t.bigInteger('amount').notNullable();
    t.string('currency', 3).notNullable();
    t.string('status', 24).notNullable();
    t.bigInteger('captured').notNullable().defaultTo(0);
    t.bigInteger('refunded').notNullable().defaultTo(0);
    t.string('last4', 4).notNullable();
    t.string('decline_code', 40).nullable();
    t.bigInteger('created_at').notNullable();
  });
  await knex.schema.createTable(T.sandboxRequest, (t) => {
    t.string('idempotency_key', 200).primary();
    t.string('operation', 24).notNullable();
    t.text('response').notNullable();
    t.bigInteger('created_at').notNullable();
  });
}

async function down(knex: Knex): Promise<void> {
  for (const table of [T.sandboxRequest, T.sandboxIntent, T.webhookEvent, T.transaction, T.payment]) await knex.schema.dropTableIfExists(table);
}

export const paymentMigrations: Migration[] = [{ name: '0001_create_payments', up, down }];
