/** Names of what the search module adds to the database. */
export const SearchTables = {
  /** SQLite: the FTS5 index (external content = catalog_search_document). */
  fts: 'search_product_fts',
  /** PostgreSQL: the generated tsvector column on catalog_search_document. */
  vectorColumn: 'search_vector',
  /** PostgreSQL: its GIN index. */
  vectorIndex: 'catalog_search_document_vector_idx',
} as const;

/**
 * Relative weight of each indexed field: title and codes (SKU/GTIN) first, then brand, then
 * the description. On SQLite they are the bm25 column weights; on PostgreSQL the tsvector
 * weight letters A/A/B/C.
 */
export const FieldWeights = { title: 10, codes: 10, brand: 4, description: 1 } as const;
