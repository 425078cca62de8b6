import type { Migration } from '../../kernel/plugin.js';

/** Table names of the pickup-slots module. */
export const SlotTables = { settings: 'pickup_slot_settings', load: 'pickup_slot_load', booking: 'pickup_slot_booking' } as const;

const T = SlotTables;

/** The module's schema migrations. */
export const slotMigrations: Migration[] = [
  {
    name: '0001_pickup_slots',
    async up(knex) {
      await knex.schema.createTable(T.settings, (t) => {
        t.string('location_id', 40).primary().references('id').inTable('inventory_location');
        t.boolean('enabled').notNullable();
        t.integer('slot_minutes').notNullable();
        t.integer('capacity').notNullable();
        t.integer('lead_minutes').notNullable();
        t.integer('horizon_days').notNullable();
        t.bigInteger('updated_at').notNullable();
      });
      // Booked orders per slot: the capacity check is one conditional UPDATE of this row.
      await knex.schema.createTable(T.load, (t) => {
        t.string('location_id', 40).notNullable();
        t.bigInteger('slot_start').notNullable();
        t.integer('booked').notNullable();
        t.primary(['location_id', 'slot_start']);
      });
      await knex.schema.createTable(T.booking, (t) => {
        t.string('id', 40).primary();
        t.string('location_id', 40).notNullable();
        t.bigInteger('slot_start').notNullable();
        t.string('reference_type', 40).notNullable();
        t.string('reference_id', 64).notNullable();
        t.string('status', 16).notNullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('released_at').nullable();
        t.unique(['reference_type', 'reference_id'], { indexName: 'pickup_slot_booking_reference_uq' });
        t.index(['location_id', 'slot_start'], 'pickup_slot_booking_slot_idx');
      });
    },
    async down(knex) {
      for (const table of [T.booking, T.load, T.settings]) await knex.schema.dropTableIfExists(table);
    },
  },
];
