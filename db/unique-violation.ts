/**
 * A unique-key violation on either database, however the driver reports it:
 * PostgreSQL's SQLSTATE 23505, better-sqlite3's SQLITE_CONSTRAINT_* codes, or
 * (through some TypeORM paths) only the message.
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed|duplicate key/.test(err.message ?? '');
}
