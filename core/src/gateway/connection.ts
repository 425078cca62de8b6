import { errors } from '../kernel/errors.js';

/** Relay page arguments as GraphQL passes them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** One node of a page with the cursor that resumes after it. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Relay page info (forward pagination). */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A Relay cursor connection. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** A decoded page request: how many rows, and the sort key to continue after. */
export interface PageRequest {
  size: number;
  afterKey: string | null;
}

/** Page size when `first` is omitted. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first` accepted. */
export const MAX_PAGE_SIZE = 100;

/** Wraps a sort key (e.g. a time-ordered id) into an opaque cursor. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** Unwraps a cursor made by {@link encodeCursor}; BAD_USER_INPUT when it is not one. */
export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) {
    throw errors.badInput('The cursor is not valid; use an endCursor from a previous page', [{ path: 'after', message: 'invalid cursor' }], 'CURSOR_INVALID');
  }
  return key;
}

/** Validates `first` (1…100, default 20) and decodes `after`. */
export function readPageArgs(args: PageArgs = {}): PageRequest {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw errors.badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, [{ path: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` }], 'PAGE_SIZE_INVALID');
  }
  return { size, afterKey: args.after ? decodeCursor(args.after) : null };
}

/**
 * Builds a connection from rows fetched with `limit(size + 1)`: the extra row only tells
 * whether another page exists.
 */
export function toConnection<T>(rows: readonly T[], size: number, keyOf: (node: T) => string): Connection<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
