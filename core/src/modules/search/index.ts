import { definePlugin } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { searchBackendFor } from './search-backend.factory.js';
import { searchChannelGraphQL } from './search.graphql.js';
import { searchMigrations } from './search.migrations.js';
import { SearchService } from './search.service.js';
import { SearchTokens } from './search.tokens.js';
import { SearchResultCache } from './search-result.cache.js';

export { SearchService, type SearchArgs } from './search.service.js';
export type { SearchBackend } from './search-backend.js';
export type { SearchFacets, FacetRequest } from './search-facets.js';
export type { SearchFilterInput, SearchAttributeFilter } from './search-filter.js';
export type { ProductSearchResult } from './search.records.js';

/**
 * Catalog search on the channel API: `searchProducts` with full-text ranking (SQLite FTS5 or
 * PostgreSQL tsvector, behind {@link SearchBackend}), filters and facet counts. It indexes the
 * catalog's `catalog_search_document` rows, which the catalog writes in the transaction of
 * every product change; see docs/search.md.
 */
export const searchModule = definePlugin({
  name: 'core.search',
  version: PLAZA_VERSION,
  description: 'Catalog search on the channel API: full-text, filters, facets (SQLite FTS5 / PostgreSQL full-text)',
  requires: ['core.catalog', 'core.pricing', 'core.inventory'],
  migrations: searchMigrations,
  register(scope) {
    const { container } = scope;
    container.registerInstance(SearchTokens.Backend, searchBackendFor(container.resolve(Tokens.Database)));
    container.registerInstance(SearchResultCache, new SearchResultCache());
    container.registerSingleton(SearchService);
  },
  exports: [SearchService],
  graphql: { channel: searchChannelGraphQL },
});
