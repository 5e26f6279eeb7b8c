// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '@parley/protocol';
import { queryKeys } from '../../api/keys';
import { createI18n } from '../../i18n/createI18n';
import { useMentionAutocomplete } from './MentionSuggestions';
import { MAX_SUGGESTIONS } from './mentionQuery';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const i18n = createI18n();
const ROOM = 'room-1';

function member(id: string, username: string, displayName: string): Member {
  return {
    person: { id, username, displayName, avatarColor: '#336699' },
    role: 'member',
    joinedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A composer-like textarea wired the way Composer wires it: the list first, then Enter sends. */
function Harness({ onSend }: { onSend: (text: string) => void }) {
  const [draft, setDraft] = useState('');
  const mention = useMentionAutocomplete({
    roomId: ROOM,
    readerId: 'u-me',
    inputId: 'composer',
    draft,
    onDraftChange: setDraft,
  });
  return (
    <>
      <textarea
        id="composer"
        aria-label="Message"
        value={draft}
        {...mention.inputProps}
        onChange={(event) => {
          setDraft(event.target.value);
          mention.track(event);
        }}
        onKeyDown={(event) => {
          if (mention.onKeyDown(event)) return;
          if (event.key === 'Enter') {
            event.preventDefault();
            onSend(draft);
          }
        }}
      />
      {mention.listbox}
    </>
  );
}

let root: Root;
let container: HTMLElement;
let sent: string[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  sent = [];
  const queryClient = new QueryClient();
  const members = [
    member('u-me', 'me', 'Me Myself'),
    member('u-bob', 'bob', 'Robert Paulson'),
    member('u-bea', 'bea', 'Beatrice'),
    member('u-carl', 'carl', 'Carl Bobson'),
  ];
  // The server's answers to the searches these tests type, as the hook asks for them (nine: the
  // reader may be among them). Each answer holds everyone; choosing among them is the hook's part.
  for (const q of ['b', 'bo', 'be', 'c', 'zed']) {
    queryClient.setQueryData(queryKeys.members.search(ROOM, q, MAX_SUGGESTIONS + 1), members);
  }
  act(() =>
    root.render(
      <QueryClientProvider client={queryClient}>
        <I18nextProvider i18n={i18n}>
          <Harness onSend={(text) => sent.push(text)} />
        </I18nextProvider>
      </QueryClientProvider>,
    ),
  );
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const input = () => container.querySelector('textarea') as HTMLTextAreaElement;
const listbox = () => container.querySelector('[role="listbox"]');
const options = () => [...container.querySelectorAll('[role="option"]')];

function type(text: string) {
  const textarea = input();
  // The prototype's setter, as typing uses: React ignores an input event after a plain `.value =`.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(textarea)
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  act(() => {
    setValue?.call(textarea, textarea.value + text);
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(key: string) {
  act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('mention autocomplete', () => {
  it('offers members matching @ plus letters by username or display name, not the reader', () => {
    type('hi @b');
    expect(listbox()).not.toBeNull();
    expect(options().map((option) => option.getAttribute('data-username'))).toEqual(['bea', 'bob', 'carl']);
    expect(input().getAttribute('role')).toBe('combobox');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(input().getAttribute('aria-controls')).toBe(listbox()?.id);
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
  });

  it('moves with Up and Down and inserts the chosen name with Enter, without sending', () => {
    type('hi @b');
    press('ArrowDown');
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    press('ArrowUp');
    press('ArrowUp');
    expect(options()[2]?.getAttribute('aria-selected')).toBe('true');
    press('Enter');
    expect(input().value).toBe('hi @carl ');
    expect(listbox()).toBeNull();
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(sent).toEqual([]);
  });

  it('inserts with Tab too, and with a click', () => {
    type('@bo');
    press('Tab');
    expect(input().value).toBe('@bob ');
    type('and @be');
    act(() => (options()[0] as HTMLElement).click());
    expect(input().value).toBe('@bob and @bea ');
  });

  it('closes with Escape, after which Enter sends; a new @ opens the list again', () => {
    type('ping @b');
    press('Escape');
    expect(listbox()).toBeNull();
    press('Enter');
    expect(sent).toEqual(['ping @b']);
    type(' @c');
    expect(options().map((option) => option.getAttribute('data-username'))).toEqual(['carl']);
  });

  it('leaves Enter to the composer when nothing matches', () => {
    type('mail me@bob or @zed');
    expect(listbox()).toBeNull();
    press('Enter');
    expect(sent).toEqual(['mail me@bob or @zed']);
  });
});
