import { useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '@parley/protocol';
import { memberSearchQuery } from '../../api/rooms';
import { Avatar } from '../people/Avatar';
import { isComposingText } from './keys';
import { insertMention, MAX_SUGGESTIONS, mentionBeforeCaret, suggestMembers } from './mentionQuery';

interface MentionAutocompleteOptions {
  roomId: string;
  readerId: string;
  /** The composer textarea's id: the combobox. */
  inputId: string;
  draft: string;
  onDraftChange: (text: string) => void;
}

/**
 * `@` plus letters in the composer offers the room's members to mention, following the ARIA combobox
 * pattern: the textarea is the combobox, the suggestions a listbox it points into with
 * aria-activedescendant, so focus never leaves the text. Closed, it changes nothing about the keys.
 */
export function useMentionAutocomplete({
  roomId,
  readerId,
  inputId,
  draft,
  onDraftChange,
}: MentionAutocompleteOptions) {
  const { t } = useTranslation();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // Escape closes the list for this `@` only; typing another mention opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const typed = caret === null ? null : mentionBeforeCaret(draft, caret);
  // The server finds them (a room can have thousands of members); one more than shown, since the
  // reader is left out.
  const members = useQuery({
    ...memberSearchQuery(roomId, typed?.query ?? '', MAX_SUGGESTIONS + 1),
    enabled: typed !== null,
  });
  const suggestions =
    typed && typed.start !== dismissedAt && members.data
      ? suggestMembers(members.data, typed.query, readerId)
      : [];
  const open = suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);
  const listId = `${inputId}-mentions`;
  const optionId = (index: number) => `${listId}-${index}`;

  // After an insertion, put the caret right after the inserted name.
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    const input = document.getElementById(inputId);
    if (input instanceof HTMLTextAreaElement)
      input.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [draft, inputId]);

  const track = (event: SyntheticEvent<HTMLTextAreaElement>) => {
    const input = event.currentTarget;
    const at = input.selectionStart === input.selectionEnd ? input.selectionStart : null;
    setCaret(at);
    if (at === null || !mentionBeforeCaret(input.value, at)) setDismissedAt(null);
    setActive((current) => (input.value === draft ? current : 0));
  };

  const choose = (person: Person) => {
    if (!typed || caret === null) return;
    const next = insertMention(draft, typed, caret, person.username);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    onDraftChange(next.text);
  };

  /** Keys for the open list; true when the key was used here (the composer must then ignore it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || isComposingText(event)) return false;
    const move = (step: number) => {
      event.preventDefault();
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
      return true;
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(1);
      case 'ArrowUp':
        return move(-1);
      case 'Enter':
      case 'Tab': {
        if (event.shiftKey) return false;
        const person = suggestions[activeIndex];
        if (!person) return false;
        event.preventDefault();
        choose(person);
        return true;
      }
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(typed?.start ?? null);
        return true;
      default:
        return false;
    }
  };

  const inputProps = {
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': open,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(activeIndex) : undefined,
    onSelect: track,
  } as const;

  const listbox = open ? (
    <ul
      id={listId}
      role="listbox"
      className="mention-suggestions"
      data-testid="mention-suggestions"
      aria-label={t('mentions.suggestions')}
    >
      {suggestions.map((person, index) => (
        <li
          key={person.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === activeIndex}
          className="mention-suggestions__option"
          data-testid="mention-option"
          data-username={person.username}
          // Keep the focus (and the caret) in the textarea.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => choose(person)}
        >
          <Avatar displayName={person.displayName} color={person.avatarColor} size="small" />
          <span className="mention-suggestions__name">{person.displayName}</span>
          <span className="mention-suggestions__username">@{person.username}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return { inputProps, onKeyDown, track, listbox };
}
