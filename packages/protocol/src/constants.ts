/**
 * Plain values shared by both apps. This module imports no schema library, so the web bundle that
 * uses only these (and types) carries no TypeBox.
 */

/**
 * Bump when a change to the stream would break an older client. Sent in `hello`; a client that sees
 * a version it does not know reloads.
 */
export const PROTOCOL_VERSION = 1;

export const LIMITS = {
  usernameMin: 2,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 256,
  displayNameMax: 64,
  messageBodyMax: 4000,
  historyPageMax: 100,
  historyPageDefault: 50,
} as const;

/** Lower-case letters, digits, `_`, `.` and `-`; it is how people are @mentioned later. */
export const USERNAME_PATTERN = '^[a-z0-9_.-]+$';

/** Every REST path, in one place, so neither app builds a URL by hand. */
export const API_PATHS = {
  health: '/healthz',
  signUp: '/api/auth/sign-up',
  signIn: '/api/auth/sign-in',
  signOut: '/api/auth/sign-out',
  me: '/api/me',
  rooms: '/api/rooms',
  roomMessages: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/messages`,
  events: '/api/events',
} as const;

/** Route patterns as the server registers them. */
export const ROUTE_PATTERNS = {
  roomMessages: '/api/rooms/:roomId/messages',
} as const;

export const SESSION_COOKIE = 'parley_session';

/**
 * Every machine-readable error code the API can return. The web app maps each one to a translated
 * message, so adding a code here means adding it to both catalogs.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'username_taken',
  'forbidden_origin',
  'not_found',
  'message_id_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The shape of every error response (its schema is `ErrorBody` in errors.ts). */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Present on `validation_failed`: which field, and why. */
    details?: { path: string; message: string }[];
  };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((error as { code: string }).code)
  );
}
