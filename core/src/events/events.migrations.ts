import type { Knex } from 'knex';
import type { Migration } from '../kernel/plugin.js';
import { EventTables as T } from './event-records.js';

// Every timestamp is epoch milliseconds in a bigint: it compares the same way on SQLite and
// PostgreSQL, with no time-zone or driver conversion in between.

async function createOutbox(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.outbox, (t) => {
    t.string('id', 40).primary();
    t.string('name', 200).notNullable();
    t.jsonb('payload').notNullable();
    t.string('platform_id', 64).nullable();
    t.string('actor_id', 64).nullable();
    t.bigInteger('occurred_at').notNullable();
    t.boolean('fanned_out').notNullable().defaultTo(false);
    // The dispatcher's scan: undispatched rows in id (= time) order.
    t.index(['fanned_out', 'id'], 'plaza_outbox_undispatched_idx');
  });
}

async function createWebhookSubscription(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.webhook, (t) => {
    t.string('id', 40).primary();
    t.string('url', 2048).notNullable();
    t.jsonb('events').notNullable();
    t.string('secret', 200).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('description', 500).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['active'], 'plaza_webhook_subscription_active_idx');
  });
}

async function createDelivery(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.delivery, (t) => {
    t.string('id', 40).primary();
    t.string('event_id', 40).notNullable().references('id').inTable(T.outbox).onDelete('CASCADE');
    t.string('target_kind', 16).notNullable();
    // A subscriber id (`<plugin>#<event>`) or a webhook subscription id (`whk_…`).
    t.string('target_id', 300).notNullable();
    t.string('status', 16).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').nullable();
    t.bigInteger('locked_until').nullable();
    t.string('lock_token', 40).nullable();
    t.text('last_error').nullable();
    t.bigInteger('delivered_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['event_id', 'target_kind', 'target_id'], { indexName: 'plaza_event_delivery_target_uq' });
    t.index(['status', 'next_attempt_at'], 'plaza_event_delivery_due_idx');
    t.index(['lock_token'], 'plaza_event_delivery_lock_idx');
    t.index(['target_kind', 'target_id', 'id'], 'plaza_event_delivery_target_idx');
    t.index(['status', 'id'], 'plaza_event_delivery_status_idx');
  });
}

async function createWebhookAttempt(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.webhookAttempt, (t) => {
    t.string('id', 40).primary();
    t.string('delivery_id', 40).notNullable().references('id').inTable(T.delivery).onDelete('CASCADE');
    t.string('webhook_subscription_id', 40).notNullable();
    t.integer('attempt').notNullable();
    t.integer('response_status').nullable();
    t.text('response_body').nullable();
    t.integer('duration_ms').notNullable();
    t.text('error').nullable();
    t.bigInteger('created_at').notNullable();
    t.index(['delivery_id', 'id'], 'plaza_webhook_attempt_delivery_idx');
    t.index(['webhook_subscription_id', 'id'], 'plaza_webhook_attempt_subscription_idx');
  });
}

/** The events subsystem's schema: outbox and deliveries, then webhook subscriptions and their attempt log. */
export const eventMigrations: Migration[] = [
  {
    name: '0001_outbox',
    up: async (knex) => {
      await createOutbox(knex);
      await createDelivery(knex);
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(T.delivery);
      await knex.schema.dropTableIfExists(T.outbox);
    },
  },
  {
    name: '0002_webhooks',
    up: async (knex) => {
      await createWebhookSubscription(knex);
      await createWebhookAttempt(knex);
    },
    down: async (knex) => {
      await knex.schema.dropTableIfExists(T.webhookAttempt);
      await knex.schema.dropTableIfExists(T.webhook);
    },
  },
];
