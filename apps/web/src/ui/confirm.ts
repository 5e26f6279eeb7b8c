/**
 * Asks before something that cannot be undone. The browser's own confirm() is modal, keyboard
 * accessible and read by screen readers, in the reader's language (the question is translated).
 */
export function confirmAction(question: string): boolean {
  return window.confirm(question);
}
