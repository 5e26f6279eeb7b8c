import { useEffect, useRef } from 'react';
import { shortcutOf, type Shortcut } from './shortcuts';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}

/** The workspace's keyboard shortcuts: one keydown listener on the window, for the page's life. */
export function useShortcuts(onShortcut: (shortcut: Shortcut) => void): void {
  // The latest handler, without re-adding the listener on every render.
  const handler = useRef(onShortcut);
  useEffect(() => {
    handler.current = onShortcut;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutOf({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        inField: isTextField(event.target),
        inDialog: document.querySelector('dialog[open]') !== null,
      });
      if (shortcut === null) return;
      event.preventDefault();
      handler.current(shortcut);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
