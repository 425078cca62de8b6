import type { Knex } from 'knex';
import type { Dialect } from '../../db/database.js';
import type { SearchTerms } from './search-terms.js';

/**
 * The full-text part of a search, one implementation per database (SQLite FTS5, PostgreSQL
 * tsvector). Everything else — filters, facets, paging — is plain SQL shared by both.
 */
export interface SearchBackend {
  readonly dialect: Dialect;
  /**
   * A subquery of `(product_id, score)`: the products with a search document in one of
   * `locales` matching every term, one row per product, **lower score = more relevant**.
   */
  matches(db: Knex | Knex.Transaction, terms: SearchTerms, locales: readonly string[]): Knex.QueryBuilder;
  /** Re-indexes every search document (after a bulk load that bypassed the triggers). */
  rebuild(db: Knex | Knex.Transaction): Promise<void>;
}
