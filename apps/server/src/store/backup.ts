import SqliteDatabase from 'better-sqlite3';

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API. The copy is a
 * consistent snapshot even while Parley keeps writing: in WAL mode the backup's read does not block
 * writers, and all remaining pages are copied in one step so that concurrent writes cannot keep
 * restarting it. Returns the number of pages copied.
 */
export async function backupDatabase(source: string, destination: string): Promise<number> {
  const database = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await database.backup(destination, {
      progress: ({ remainingPages }) => Math.max(remainingPages, 100),
    });
    const check = new SqliteDatabase(destination, { readonly: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`the backup failed its integrity check: ${String(result)}`);
    } finally {
      check.close();
    }
    return totalPages;
  } finally {
    database.close();
  }
}
