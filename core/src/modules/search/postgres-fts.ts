import type { Knex } from 'knex';
import { CatalogTables } from '../catalog/catalog.tables.js';
import type { SearchBackend } from './search-backend.js';
import { toTsQuery, type SearchTerms } from './search-terms.js';
import { SearchTables as S } from './search.tables.js';

const DOC = CatalogTables.searchDocument;

/**
 * PostgreSQL full-text search: the generated, weighted tsvector column of each search
 * document (GIN index) matched with `@@ to_tsquery('simple', …)`, ranked with ts_rank
 * (weights D 0.1, C 0.2, B 0.4, A 1.0). The score is negated so that lower is better, as on
 * SQLite.
 */
export class PostgresFtsBackend implements SearchBackend {
  readonly dialect = 'postgres' as const;

  matches(db: Knex | Knex.Transaction, terms: SearchTerms, locales: readonly string[]): Knex.QueryBuilder {
    const query = toTsQuery(terms);
    return db
      .from(`${DOC} as d`)
      .whereRaw(`d.${S.vectorColumn} @@ to_tsquery('simple', ?)`, [query])
      .whereIn('d.locale', [...locales])
      .groupBy('d.product_id')
      .select('d.product_id', db.raw(`-max(ts_rank(d.${S.vectorColumn}, to_tsquery('simple', ?))) as score`, [query]));
  }

  async rebuild(db: Knex | Knex.Transaction): Promise<void> {
    // The vector is a generated column: always exact. Rebuilding the index compacts it.
    await db.raw(`REINDEX INDEX ${S.vectorIndex}`);
  }
}
