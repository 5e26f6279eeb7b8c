/**
 * Whether `error` is an insert refused because the row's primary key is taken in `table`, on either
 * dialect: better-sqlite3's SQLITE_CONSTRAINT_PRIMARYKEY ("UNIQUE constraint failed: <table>.<column>"),
 * or PostgreSQL's unique_violation (23505) on the `<table>_pkey` constraint.
 */
export function isPrimaryKeyTaken(error: unknown, table: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return typeof message === 'string' && message.includes(`: ${table}.`);
  }
  return code === '23505' && constraint === `${table}_pkey`;
}
