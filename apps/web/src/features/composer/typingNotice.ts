/** While someone keeps typing, others are told at most this often (the server's signal lasts 6 s). */
export const TYPING_REPEAT_MS = 3000;

/**
 * Decides when the composer tells the room "I'm typing": on the first keystroke of a draft, then at
 * most every few seconds while typing goes on. Clearing the draft or sending says nothing: the
 * indicator lapses by itself, and the sent message clears it at once.
 */
export class TypingNotice {
  private lastSent = new Map<string, number>();

  constructor(
    private readonly send: (roomId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  typed(roomId: string, draft: string): void {
    if (draft.trim() === '') return;
    const now = this.now();
    const last = this.lastSent.get(roomId);
    if (last !== undefined && now - last < TYPING_REPEAT_MS) return;
    this.lastSent.set(roomId, now);
    this.send(roomId);
  }

  /** The draft went out: the next keystroke starts a new one and is announced at once. */
  sent(roomId: string): void {
    this.lastSent.delete(roomId);
  }
}
