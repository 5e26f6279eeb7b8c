/**
 * Brings one loaded message of a room on screen and resolves to its row, or to null when the
 * message is not in the timeline. Rows are virtualised, so a message far from the screen has no row
 * until the timeline scrolls to it: only the timeline itself can show it.
 */
export type ShowMessage = (messageId: string) => Promise<HTMLElement | null>;

/** The timeline on screen for each room (one at most: a room is open once per tab). */
const timelines = new Map<string, ShowMessage>();

/** Called by the timeline of a room while it is mounted; the returned function unregisters it. */
export function registerTimeline(roomId: string, show: ShowMessage): () => void {
  timelines.set(roomId, show);
  return () => {
    if (timelines.get(roomId) === show) timelines.delete(roomId);
  };
}

/** The open timeline's way to show a message of this room, if the room is open. */
export function openTimeline(roomId: string): ShowMessage | undefined {
  return timelines.get(roomId);
}

/**
 * Resolves to what `find` returns once it is not null, looking once per animation frame, or to null
 * after `frames` frames (React renders new data and the virtualiser positions rows in a frame or two).
 */
export function untilFound<T>(find: () => T | null, frames = 120): Promise<T | null> {
  return new Promise((resolve) => {
    let looked = 0;
    const look = () => {
      const found = find();
      if (found !== null || ++looked > frames) resolve(found);
      else requestAnimationFrame(look);
    };
    look();
  });
}
