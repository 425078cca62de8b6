import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';

/** Catalog search on the channel API: full-text, filters, facets (SQLite FTS5 / PostgreSQL full-text) */
export const searchModule = definePlugin({
  name: 'core.search',
  version: PLAZA_VERSION,
  description: 'Catalog search on the channel API: full-text, filters, facets (SQLite FTS5 / PostgreSQL full-text)',
  requires: ['core.catalog', 'core.pricing', 'core.inventory'],
});
