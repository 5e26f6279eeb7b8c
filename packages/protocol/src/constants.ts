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
  roomNameMax: 80,
  topicMax: 250,
  /** People in a group DM, the reader included. */
  dmMembersMax: 8,
  inviteMaxUses: 1000,
  inviteMaxHours: 24 * 30,
  peopleSearchMax: 20,
  /** Usernames looked up at once (the @names of the messages on screen). */
  peopleLookupMax: 50,
  /** A page of a room's member list. */
  membersPageDefault: 100,
  membersPageMax: 200,
  /** Members matching a search (the @mention suggestions ask for a few more than they show). */
  memberSearchDefault: 20,
  auditPageMax: 100,
  /** Distinct emoji on one message; reacting with one already there is always allowed. */
  reactionsPerMessageMax: 20,
  /** Longest emoji accepted, in code points: family and flag sequences are long, nothing else is. */
  reactionEmojiMax: 32,
  /** Characters of the original that a reply's quote carries. */
  quoteExcerptMax: 160,
  searchQueryMax: 200,
  /** Whitespace-separated words of one search; each must appear in a hit. */
  searchTermsMax: 8,
  searchPageMax: 50,
  searchPageDefault: 20,
  /** People one stream watches for presence: those on its screen (DMs, the open member list). */
  presenceWatchMax: 500,
} as const;

/** The room every user belongs to and cannot leave. */
export const GENERAL_ROOM_NAME = 'general';

/** Lower-case letters, digits, `_`, `.` and `-`; it is how people are @mentioned later. */
export const USERNAME_PATTERN = '^[a-z0-9_.-]+$';

/** Every REST path, in one place, so neither app builds a URL by hand. */
export const API_PATHS = {
  health: '/healthz',
  authOptions: '/api/auth/options',
  signUp: '/api/auth/sign-up',
  signIn: '/api/auth/sign-in',
  signOut: '/api/auth/sign-out',
  invite: (token: string) => `/api/invites/${encodeURIComponent(token)}`,
  me: '/api/me',
  mePassword: '/api/me/password',
  meSessions: '/api/me/sessions',
  meSession: (sessionId: string) => `/api/me/sessions/${encodeURIComponent(sessionId)}`,
  meSignOutOthers: '/api/me/sessions/sign-out-others',
  people: '/api/people',
  rooms: '/api/rooms',
  roomsBrowse: '/api/rooms/browse',
  room: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}`,
  roomJoin: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/join`,
  roomLeave: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/leave`,
  roomMembers: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/members`,
  roomMember: (roomId: string, userId: string) =>
    `/api/rooms/${encodeURIComponent(roomId)}/members/${encodeURIComponent(userId)}`,
  roomMessages: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/messages`,
  roomMessage: (roomId: string, messageId: string) =>
    `/api/rooms/${encodeURIComponent(roomId)}/messages/${encodeURIComponent(messageId)}`,
  /** PUT adds the reader's reaction, DELETE takes it away; both are idempotent. */
  messageReaction: (roomId: string, messageId: string, emoji: string) =>
    `/api/rooms/${encodeURIComponent(roomId)}/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`,
  roomRead: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/read`,
  roomNotifications: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/notifications`,
  roomTyping: (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/typing`,
  dms: '/api/dms',
  presence: '/api/presence',
  presenceWatch: '/api/presence/watch',
  adminUsers: '/api/admin/users',
  adminDeactivateUser: (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}/deactivate`,
  adminInvites: '/api/admin/invites',
  adminInvite: (inviteId: string) => `/api/admin/invites/${encodeURIComponent(inviteId)}`,
  adminAudit: '/api/admin/audit',
  adminSettings: '/api/admin/settings',
  adminStats: '/api/admin/stats',
  search: '/api/search',
  events: '/api/events',
} as const;

/** The web app's own paths (an invite link points here). */
export const APP_PATHS = {
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
} as const;

/** Route patterns as the server registers them. */

export const SESSION_COOKIE = 'parley_session';

/**
 * Every machine-readable error code the API can return. The web app maps each one to a translated
 * message, so adding a code here means adding it to both catalogs.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'account_deactivated',
  'username_taken',
  'invite_required',
  'invite_invalid',
  'forbidden_origin',
  'forbidden',
  'not_found',
  'room_name_taken',
  'already_member',
  'cannot_leave',
  'message_id_conflict',
  'invalid_emoji',
  'too_many_reactions',
  'reply_not_found',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'service_unavailable',
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
