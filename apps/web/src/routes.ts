import { APP_PATHS } from '@parley/protocol';

/** The web app's own paths; the server serves index.html for any of them, so each is a deep link. */
export const ROUTES = {
  home: '/',
  room: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`,
  roomPattern: '/rooms/:roomId',
  settings: '/settings',
  admin: '/admin',
  invite: APP_PATHS.invite,
  invitePattern: '/invite/:token',
} as const;

/** The link an admin hands out: the invite route on the web app's own origin. */
export function inviteLink(origin: string, token: string): string {
  return origin.replace(/\/+$/, '') + APP_PATHS.invite(token);
}
