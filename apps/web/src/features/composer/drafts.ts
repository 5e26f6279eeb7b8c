/** Drafts are per user and room, so switching rooms or accounts never mixes them up. */
function draftKey(userId: string, roomId: string): string {
  return `parley.draft.${userId}.${roomId}`;
}

export function readDraft(userId: string, roomId: string): string {
  try {
    return localStorage.getItem(draftKey(userId, roomId)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(userId: string, roomId: string, text: string): void {
  try {
    if (text === '') localStorage.removeItem(draftKey(userId, roomId));
    else localStorage.setItem(draftKey(userId, roomId), text);
  } catch {
    // Storage blocked or full: the draft still lives in the textarea.
  }
}
