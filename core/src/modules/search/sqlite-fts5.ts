import type { Knex } from 'knex';
import { CatalogTables } from '../catalog/catalog.tables.js';
import type { SearchBackend } from './search-backend.js';
import { toFts5Query, type SearchTerms } from './search-terms.js';
import { FieldWeights as W, SearchTables as S } from './search.tables.js';

const DOC = CatalogTables.searchDocument;

/**
 * SQLite FTS5: `MATCH` over the external-content index, ranked with bm25 (negative, lower is
 * better) weighted per column (title, codes, brand, description). A product's score is its
 * best document's (the default text or a translation).
 */
export class SqliteFts5Backend implements SearchBackend {
  readonly dialect = 'sqlite' as const;

  matches(db: Knex | Knex.Transaction, terms: SearchTerms, locales: readonly string[]): Knex.QueryBuilder {
    // bm25() is only usable while FTS5 drives the scan: rank in a materialized CTE over the
    // index alone (a plain subquery would be flattened into the join), then map documents to
    // products.
    const ranked = db
      .from(S.fts)
      .whereRaw(`${S.fts} MATCH ?`, [toFts5Query(terms)])
      .select('rowid as doc', db.raw(`bm25(${S.fts}, ${W.title}, ${W.codes}, ${W.brand}, ${W.description}) as rank`));
    return db
      .withMaterialized('search_ranked', ranked)
      .from('search_ranked as f')
      .join(`${DOC} as d`, 'd.rowid', 'f.doc')
      .whereIn('d.locale', [...locales])
      .groupBy('d.product_id')
      .select('d.product_id', db.raw('min(f.rank) as score'));
  }

  async rebuild(db: Knex | Knex.Transaction): Promise<void> {
    await db.raw(`INSERT INTO ${S.fts}(${S.fts}) VALUES ('rebuild')`);
  }
}
