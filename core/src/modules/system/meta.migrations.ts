import type { Migration } from '../../kernel/plugin.js';

/** `plaza_meta`: small key/value facts about this installation (e.g. when the demo was seeded). */
export const metaMigrations: Migration[] = [
  {
    name: '0001_meta',
    async up(knex) {
      await knex.schema.createTable('plaza_meta', (t) => {
        t.string('key', 100).primary();
        t.text('value').notNullable();
        t.bigInteger('updated_at').notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable('plaza_meta');
    },
  },
];
