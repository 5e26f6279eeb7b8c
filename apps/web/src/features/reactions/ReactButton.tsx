import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reaction } from '@parley/protocol';
import { errorMessageKey } from '../../i18n/errorMessage';
import { readersEmoji } from './reactors';
import { useToggleReaction } from './useToggleReaction';

// Rarely opened, so it is its own chunk, fetched on first use (or when the pointer or focus nears).
const loadPicker = () => import('./EmojiPicker');
const EmojiPicker = lazy(loadPicker);

interface ReactButtonProps {
  roomId: string;
  messageId: string;
  reactions: readonly Reaction[] | undefined;
}

/** "Add reaction" on a message: opens the emoji picker; choosing an emoji toggles the reader's reaction. */
export function ReactButton({ roomId, messageId, reactions }: ReactButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { toggle, readerId, error } = useToggleReaction(roomId, messageId);
  const chosen = readersEmoji(reactions, readerId);
  const close = () => {
    setOpen(false);
    // Back to the button, unless the reader clicked somewhere else to close it.
    const focused = document.activeElement;
    if (focused === null || focused === document.body || !focused.isConnected) buttonRef.current?.focus();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button--small button--quiet message__action"
        data-testid="message-react"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadPicker()}
        onFocus={() => void loadPicker()}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        {t('reactions.add')}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <EmojiPicker
            anchor={buttonRef}
            chosen={chosen}
            onPick={(emoji) => {
              toggle({ emoji, on: !chosen.includes(emoji) });
              close();
              buttonRef.current?.focus();
            }}
            onClose={close}
          />
        </Suspense>
      ) : null}
      {error ? (
        <span className="form-error" role="alert">
          {t(errorMessageKey(error))}
        </span>
      ) : null}
    </>
  );
}
