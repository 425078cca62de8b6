/**
 * Is this a unique-constraint violation (a concurrent writer took the key first)? PostgreSQL
 * code 23505; SQLite's unique and primary-key constraint codes.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|duplicate key/.test(e.message ?? '')
  );
}
