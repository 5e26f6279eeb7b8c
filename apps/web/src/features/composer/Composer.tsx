import { useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Room, type User } from '@parley/protocol';
import { reportTyping } from '../../api/presence';
import { ReplyingTo } from '../replies/ReplyingTo';
import { useReplyTarget, useSetReplyTarget } from '../replies/ReplyTarget';
import { roomLabel } from '../rooms/roomNames';
import { readDraft, saveDraft } from './drafts';
import { isComposingText } from './keys';
import { bodyLength, checkBody } from './messageBody';
import { useMentionAutocomplete } from './MentionSuggestions';
import { useOutgoing } from './OutgoingMessages';
import { TypingNotice } from './typingNotice';

interface ComposerProps {
  room: Room;
  user: User;
  inputRef?: Ref<HTMLTextAreaElement>;
  /** Up in an empty composer: edit the reader's last message in the room. */
  onEditLast: () => void;
}

/** The composer's textarea id in a room, so that other parts can hand the focus back to it. */
export function composerInputId(roomId: string): string {
  return `composer-${roomId}`;
}

/** Show the character count once a draft gets near the limit. */
const COUNTER_FROM = 0.9;

export function Composer({ room, user, inputRef, onEditLast }: ComposerProps) {
  const { t, i18n } = useTranslation();
  const { sender } = useOutgoing();
  // The draft lives in localStorage until it is sent, so a reload or a crash never loses it.
  const [draft, setDraft] = useState(() => readDraft(user.id, room.id));
  const check = checkBody(draft);
  const replyTarget = useReplyTarget();
  const setReplyTarget = useSetReplyTarget();

  const changeDraft = (text: string) => {
    setDraft(text);
    saveDraft(user.id, room.id, text);
  };
  // A lost typing signal only means nobody sees the indicator; it is never worth an error.
  const [typingNotice] = useState(
    () => new TypingNotice((roomId) => void reportTyping(roomId).catch(() => undefined)),
  );
  const type = (text: string) => {
    changeDraft(text);
    typingNotice.typed(room.id, text);
  };

  const send = () => {
    if (check.kind !== 'ok') return; // A too-long draft stays, with the message below saying why.
    const author = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      avatarColor: user.avatarColor,
    };
    sender.send(room.id, author, check.body, replyTarget ?? undefined);
    setReplyTarget(null);
    typingNotice.sent(room.id);
    changeDraft('');
  };

  const inputId = composerInputId(room.id);
  const mention = useMentionAutocomplete({
    roomId: room.id,
    readerId: user.id,
    inputId,
    draft,
    onDraftChange: type,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(event)) return;
    const modified = event.altKey || event.ctrlKey || event.metaKey || event.shiftKey;
    if (event.key === 'Escape' && replyTarget) {
      event.preventDefault();
      setReplyTarget(null);
      return;
    }
    if (event.key === 'ArrowUp' && draft === '' && !modified) {
      event.preventDefault();
      onEditLast();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || isComposingText(event)) return;
    event.preventDefault();
    send();
  };

  const label = roomLabel(room, i18n.language, t('rooms.dmAlone'));
  // String length is never below the character count, so it is a cheap first test.
  const nearLimit = draft.length >= COUNTER_FROM * LIMITS.messageBodyMax;

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <ReplyingTo onCancel={() => document.getElementById(inputId)?.focus()} />
      <label htmlFor={inputId} className="visually-hidden">
        {t('composer.label', { room: label })}
      </label>
      <textarea
        ref={inputRef}
        id={inputId}
        data-testid="composer-input"
        className="composer__input"
        value={draft}
        rows={1}
        placeholder={t('composer.placeholder', { room: label })}
        aria-describedby={`${inputId}-hint ${inputId}-problem`}
        aria-invalid={check.kind === 'tooLong'}
        enterKeyHint="send"
        {...mention.inputProps}
        onChange={(event) => {
          type(event.target.value);
          mention.track(event);
        }}
        onKeyDown={onKeyDown}
      />
      {mention.listbox}
      <button type="submit" data-testid="composer-send" className="button button--primary">
        {t('composer.send')}
      </button>
      <div className="composer__notes">
        <p id={`${inputId}-problem`} role="alert" className="composer__problem">
          {check.kind === 'tooLong' ? t('composer.tooLong', { length: check.length, max: check.max }) : null}
        </p>
        {nearLimit && check.kind === 'ok' ? (
          <p className="composer__counter">
            {t('composer.counter', { length: bodyLength(check.body), max: LIMITS.messageBodyMax })}
          </p>
        ) : null}
        <p id={`${inputId}-hint`} className="composer__hint">
          {t('composer.hint')}
        </p>
      </div>
    </form>
  );
}
