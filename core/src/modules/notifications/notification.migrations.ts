import type { Migration } from '../../kernel/plugin.js';

export const NotificationTables = { message: 'notification_message' } as const;

/** The module's schema migrations. Timestamps are epoch milliseconds. */
export const notificationMigrations: Migration[] = [
  {
    name: '0001_notification_message',
    async up(knex) {
      await knex.schema.createTable(NotificationTables.message, (t) => {
        t.string('id', 40).primary();
        // The event that asked for the message: a second delivery of the same event sends nothing.
        t.string('event_id', 64).nullable();
        t.string('customer_id', 40).nullable();
        t.string('platform_id', 40).nullable();
        t.string('template', 64).notNullable();
        t.string('channel', 20).notNullable();
        t.string('locale', 35).notNullable();
        t.string('provider', 60).nullable();
        // queued → sent | failed; skipped when it must not (or cannot) be sent.
        t.string('status', 12).notNullable();
        t.string('reason', 40).nullable();
        t.string('subject', 300).nullable();
        // Personal data kept only until the message is sent or given up (then cleared).
        t.string('recipient', 320).nullable();
        t.jsonb('variables').nullable();
        t.integer('attempts').notNullable().defaultTo(0);
        t.string('provider_message_id', 200).nullable();
        t.string('last_error', 500).nullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('updated_at').notNullable();
        t.bigInteger('sent_at').nullable();
        t.unique(['event_id'], { indexName: 'notification_message_event_uq' });
        t.index(['customer_id', 'id'], 'notification_message_customer_idx');
        t.index(['status', 'id'], 'notification_message_status_idx');
        t.index(['template', 'id'], 'notification_message_template_idx');
        t.index(['platform_id', 'id'], 'notification_message_platform_idx');
        t.index(['channel', 'id'], 'notification_message_channel_idx');
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(NotificationTables.message);
    },
  },
];
