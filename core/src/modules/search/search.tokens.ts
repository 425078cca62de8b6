import type { InjectionToken } from 'tsyringe';
import type { SearchBackend } from './search-backend.js';

/** Tokens of the search module. */
export const SearchTokens = {
  /** The full-text backend of the database Plaza runs on (SQLite FTS5 or PostgreSQL). */
  Backend: Symbol.for('plaza.search.Backend') as InjectionToken<SearchBackend>,
} as const;
