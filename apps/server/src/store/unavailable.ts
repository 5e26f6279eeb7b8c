/**
 * Whether an error means the database cannot be reached right now (down, restarting, refusing
 * connections, or too busy), as opposed to a bug or a bad request. Such failures are answered with
 * 503 `service_unavailable` and a Retry-After, so that clients and load balancers wait and retry.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres reports a lost or refused connection in words, without a code. */
const POSTGRES_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error/,
  /is not currently accepting connections/,
];

export function isStoreUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.has(code)) return true;
      // Class 08: connection exceptions.
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
      // SQLite: another connection held the lock past the busy timeout.
      if (code === 'SQLITE_BUSY') return true;
    }
    if (POSTGRES_MESSAGES.some((pattern) => pattern.test(e.message))) return true;
  }
  return false;
}
