/** The room last open in this browser, per user, so `/` goes back to it. */
function lastRoomKey(userId: string): string {
  return `parley.lastRoom.${userId}`;
}

export function readLastRoom(userId: string): string | null {
  try {
    return localStorage.getItem(lastRoomKey(userId));
  } catch {
    return null;
  }
}

export function saveLastRoom(userId: string, roomId: string): void {
  try {
    localStorage.setItem(lastRoomKey(userId), roomId);
  } catch {
    // Storage blocked: `/` opens #general instead.
  }
}
