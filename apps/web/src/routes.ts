import { APP_PATHS } from '@parley/protocol';

/** The search parameter of a room's path that names the message to show. */
export const MESSAGE_PARAM = 'message';

/** The web app's own paths; the server serves index.html for any of them, so each is a deep link. */
export const ROUTES = {
  home: '/',
  room: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`,
  roomPattern: '/rooms/:roomId',
  /** A room showing one message in context, highlighted (a permalink, a reply's quote, a search hit). */
  message: (roomId: string, messageId: string) =>
    `/rooms/${encodeURIComponent(roomId)}?${MESSAGE_PARAM}=${encodeURIComponent(messageId)}`,
  settings: '/settings',
  /** Search; its query and filters are in the search parameters (SEARCH_PARAMS). */
  search: '/search',
  admin: '/admin',
  invite: APP_PATHS.invite,
  invitePattern: '/invite/:token',
} as const;

/** The link an admin hands out: the invite route on the web app's own origin. */
export function inviteLink(origin: string, token: string): string {
  return origin.replace(/\/+$/, '') + APP_PATHS.invite(token);
}

/** The search parameters of ROUTES.search: the words, the room's id and the author's username. */
export const SEARCH_PARAMS = { query: 'q', room: 'room', from: 'from' } as const;
