import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';
import { InventoryTables as T, ReferencedTables as R } from './inventory.tables.js';

// Quantities are integers (units). Timestamps are epoch milliseconds in bigints.
// Variants and locations are referenced by foreign key; a deleted variant takes its stock
// history with it (the catalog archives variants that sold, it does not delete them).

async function createLevel(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.level, (t) => {
    t.string('variant_id', 40).notNullable().references('id').inTable(R.variant).onDelete('CASCADE');
    t.string('location_id', 40).notNullable().references('id').inTable(R.location);
    // May be negative: a POS that sold offline sold a real item (see docs/inventory.md).
    t.integer('on_hand').notNullable().defaultTo(0);
    t.integer('reserved').notNullable().defaultTo(0);
    t.integer('low_stock_threshold').nullable();
    // Set when available fell below the threshold (the event was raised), cleared when it rose again.
    t.bigInteger('low_stock_since').nullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['variant_id', 'location_id'], 'inventory_level_pk');
    t.index(['location_id', 'variant_id'], 'inventory_level_location_idx');
  });
}

async function createMovement(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.movement, (t) => {
    t.string('id', 40).primary();
    t.string('variant_id', 40).notNullable().references('id').inTable(R.variant).onDelete('CASCADE');
    t.string('location_id', 40).notNullable().references('id').inTable(R.location);
    t.string('kind', 24).notNullable();
    // Signed: what this movement added to on_hand.
    t.integer('quantity').notNullable();
    t.string('reason', 500).nullable();
    t.string('actor_kind', 16).notNullable();
    t.string('actor_id', 64).notNullable();
    t.string('platform_id', 40).nullable();
    t.string('reference_type', 32).nullable();
    t.string('reference_id', 64).nullable();
    t.string('idempotency_key', 200).nullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['idempotency_key'], { indexName: 'inventory_movement_idempotency_uq' });
    t.index(['variant_id', 'location_id', 'id'], 'inventory_movement_level_idx');
    t.index(['location_id', 'id'], 'inventory_movement_location_idx');
    t.index(['kind', 'id'], 'inventory_movement_kind_idx');
    t.index(['reference_type', 'reference_id'], 'inventory_movement_reference_idx');
  });
}

async function createReservation(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.reservation, (t) => {
    t.string('id', 40).primary();
    // The reservations made by one request (all or none), for idempotent replays.
    t.string('request_id', 40).notNullable();
    t.string('variant_id', 40).notNullable().references('id').inTable(R.variant).onDelete('CASCADE');
    t.string('location_id', 40).notNullable().references('id').inTable(R.location);
    t.integer('quantity').notNullable();
    t.string('platform_id', 40).nullable();
    t.string('reference_type', 32).notNullable();
    t.string('reference_id', 64).notNullable();
    // active → committed (sold) | released (cancelled) | expired (the job)
    t.string('status', 16).notNullable();
    t.bigInteger('expires_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('ended_at').nullable();
    t.string('actor_kind', 16).notNullable();
    t.string('actor_id', 64).notNullable();
    t.index(['status', 'expires_at'], 'inventory_reservation_due_idx');
    t.index(['reference_type', 'reference_id'], 'inventory_reservation_reference_idx');
    t.index(['variant_id', 'location_id', 'status'], 'inventory_reservation_level_idx');
    t.index(['location_id', 'id'], 'inventory_reservation_location_idx');
    t.index(['request_id'], 'inventory_reservation_request_idx');
  });
}

async function createTransfer(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.transfer, (t) => {
    t.string('id', 40).primary();
    t.string('source_location_id', 40).notNullable().references('id').inTable(R.location);
    t.string('destination_location_id', 40).notNullable().references('id').inTable(R.location);
    // requested → shipped → partially_received → received; requested → cancelled
    t.string('status', 24).notNullable();
    t.string('note', 1000).nullable();
    t.string('created_by', 64).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('shipped_at').nullable();
    t.bigInteger('received_at').nullable();
    t.index(['source_location_id', 'id'], 'inventory_transfer_source_idx');
    t.index(['destination_location_id', 'id'], 'inventory_transfer_destination_idx');
    t.index(['status', 'id'], 'inventory_transfer_status_idx');
  });
  await knex.schema.createTable(T.transferLine, (t) => {
    t.string('transfer_id', 40).notNullable().references('id').inTable(T.transfer).onDelete('CASCADE');
    t.string('variant_id', 40).notNullable().references('id').inTable(R.variant).onDelete('CASCADE');
    t.integer('quantity').notNullable();
    t.integer('quantity_received').notNullable().defaultTo(0);
    t.primary(['transfer_id', 'variant_id'], 'inventory_transfer_line_pk');
  });
}

async function createIdempotency(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.idempotency, (t) => {
    t.string('key', 200).primary();
    t.string('operation', 40).notNullable();
    t.jsonb('result').notNullable();
    t.bigInteger('created_at').notNullable();
  });
}

/** The module's schema migrations (after the locations module's, which creates inventory_location). */
export const inventoryMigrations: Migration[] = [
  {
    name: '0001_inventory',
    async up(knex) {
      await createLevel(knex);
      await createMovement(knex);
      await createReservation(knex);
      await createTransfer(knex);
      await createIdempotency(knex);
    },
    async down(knex) {
      for (const table of [T.idempotency, T.transferLine, T.transfer, T.reservation, T.movement, T.level]) await knex.schema.dropTableIfExists(table);
    },
  },
];
