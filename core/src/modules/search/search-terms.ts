/** Longest query text looked at, and most words used from it. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 10;

/**
 * The words of a search text, folded the way both indexes fold documents: lower case,
 * accents removed, split on anything that is not a letter or a digit ("T-Shirt BLK/M" →
 * t, shirt, blk, m). The last word is matched as a prefix, so "jack" finds "jacket".
 */
export interface SearchTerms {
  words: string[];
}

/** Splits a shopper's search text into terms; null when it holds no word (a plain listing). */
export function parseSearchText(text: string | null | undefined): SearchTerms | null {
  if (!text) return null;
  const folded = text.slice(0, MAX_QUERY_LENGTH).normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, MAX_TERMS);
  return words.length === 0 ? null : { words };
}

/** The FTS5 MATCH expression: every word as a quoted string (AND), the last one a prefix. */
export function toFts5Query(terms: SearchTerms): string {
  return terms.words.map((w, i) => `"${w}"${i === terms.words.length - 1 ? '*' : ''}`).join(' ');
}

/** The PostgreSQL to_tsquery text: every word ANDed, the last one a prefix (`:*`). */
export function toTsQuery(terms: SearchTerms): string {
  return terms.words.map((w, i) => `${w}${i === terms.words.length - 1 ? ':*' : ''}`).join(' & ');
}
