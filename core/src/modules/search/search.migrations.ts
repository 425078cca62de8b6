import type { Knex } from 'knex';
import { dialectOf } from '../../db/database.js';
import type { Migration } from '../../kernel/plugin.js';
import { CatalogTables } from '../catalog/catalog.tables.js';
import { SearchTables as S } from './search.tables.js';

const DOC = CatalogTables.searchDocument;

/**
 * SQLite: an FTS5 index whose content is catalog_search_document (external content: the text
 * is stored once), kept exact by triggers on that table. `unicode61 remove_diacritics 2`
 * folds case and accents ("básica" matches "basica"); prefix indexes of 2 and 3 characters
 * make "ja*" cheap. The final 'rebuild' indexes documents written before this migration.
 */
async function upSqlite(knex: Knex): Promise<void> {
  await knex.raw(`CREATE VIRTUAL TABLE ${S.fts} USING fts5(
    title, codes, brand, description,
    content='${DOC}', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3')`);
  const cols = 'title, codes, brand, description';
  const news = 'new.title, new.codes, new.brand, new.description';
  const olds = 'old.title, old.codes, old.brand, old.description';
  await knex.raw(`CREATE TRIGGER ${DOC}_fts_ai AFTER INSERT ON ${DOC} BEGIN
    INSERT INTO ${S.fts}(rowid, ${cols}) VALUES (new.rowid, ${news});
  END`);
  await knex.raw(`CREATE TRIGGER ${DOC}_fts_ad AFTER DELETE ON ${DOC} BEGIN
    INSERT INTO ${S.fts}(${S.fts}, rowid, ${cols}) VALUES ('delete', old.rowid, ${olds});
  END`);
  await knex.raw(`CREATE TRIGGER ${DOC}_fts_au AFTER UPDATE ON ${DOC} BEGIN
    INSERT INTO ${S.fts}(${S.fts}, rowid, ${cols}) VALUES ('delete', old.rowid, ${olds});
    INSERT INTO ${S.fts}(rowid, ${cols}) VALUES (new.rowid, ${news});
  END`);
  await knex.raw(`INSERT INTO ${S.fts}(${S.fts}) VALUES ('rebuild')`);
}

/** Accented Latin letters folded to their base letter (translate() is immutable, unaccent is an extension). */
const ACCENTED = 'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ';
const PLAIN = 'aaaaaaaeeeeeiiiiiooooooouuuuuncyy';

/** SQL turning a text column into lexemes the same way search terms are split: lower case, no accents, words of letters and digits. */
function lexemes(column: string, weight: 'A' | 'B' | 'C'): string {
  return `setweight(to_tsvector('simple'::regconfig, regexp_replace(translate(lower(coalesce(${column}, '')), '${ACCENTED}', '${PLAIN}'), '[^[:alnum:]]+', ' ', 'g')), '${weight}')`;
}

/**
 * PostgreSQL: a stored generated tsvector column (title A, codes A, brand B, description C)
 * with a GIN index. Being generated, it is exact for every write and computed for existing
 * rows when the column is added.
 */
async function upPostgres(knex: Knex): Promise<void> {
  const vector = [lexemes('title', 'A'), lexemes('codes', 'A'), lexemes('brand', 'B'), lexemes('description', 'C')].join(' || ');
  await knex.raw(`ALTER TABLE ${DOC} ADD COLUMN ${S.vectorColumn} tsvector GENERATED ALWAYS AS (${vector}) STORED`);
  await knex.raw(`CREATE INDEX ${S.vectorIndex} ON ${DOC} USING GIN (${S.vectorColumn})`);
}

/** The search module's migrations (one per database inside: FTS5 on SQLite, tsvector + GIN on PostgreSQL). */
export const searchMigrations: Migration[] = [
  {
    name: '0001_search_index',
    async up(knex) {
      if (dialectOf(knex) === 'postgres') await upPostgres(knex);
      else await upSqlite(knex);
    },
    async down(knex) {
      if (dialectOf(knex) === 'postgres') {
        await knex.raw(`DROP INDEX IF EXISTS ${S.vectorIndex}`);
        await knex.raw(`ALTER TABLE ${DOC} DROP COLUMN IF EXISTS ${S.vectorColumn}`);
        return;
      }
      for (const suffix of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS ${DOC}_fts_${suffix}`);
      await knex.raw(`DROP TABLE IF EXISTS ${S.fts}`);
    },
  },
];
