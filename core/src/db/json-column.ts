/**
 * JSON values are stored as text on SQLite and as jsonb on PostgreSQL. These helpers make the
 * round trip identical on both: write with {@link toJson}, read with {@link fromJson}.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Reads a JSON column (a string on SQLite, already parsed on PostgreSQL). */
export function fromJson<T = unknown>(value: unknown): T {
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

/** Reads a timestamp column (a number or string on SQLite, a Date on PostgreSQL). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  // pg returns bigint epoch-ms columns as numeric strings.
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
}
