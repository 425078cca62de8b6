import type { Knex } from 'knex';

/** Reads and writes `plaza_meta` facts. */
export const metaStore = {
  async get(db: Knex | Knex.Transaction, key: string): Promise<string | undefined> {
    const row = (await db('plaza_meta').where({ key }).first('value')) as { value: string } | undefined;
    return row?.value;
  },
  async set(db: Knex | Knex.Transaction, key: string, value: string): Promise<void> {
    await db('plaza_meta').insert({ key, value, updated_at: Date.now() }).onConflict('key').merge();
  },
};
