/**
 * Timestamps in Plaza tables are epoch milliseconds in `bigint` columns: SQLite returns a
 * number, pg returns a string (bigint may exceed 2^53 in general; ours never does). These read
 * them the same way on both dialects.
 */
export function epochMillis(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** {@link epochMillis} for nullable columns. */
export function epochMillisOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : epochMillis(value);
}

/** A nullable epoch-milliseconds column as a Date or null. */
export function epochDateOrNull(value: number | string | null | undefined): Date | null {
  const ms = epochMillisOrNull(value);
  return ms === null ? null : new Date(ms);
}
