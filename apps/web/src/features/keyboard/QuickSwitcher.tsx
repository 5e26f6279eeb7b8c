import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '@parley/protocol';
import { Dialog } from '../../ui/Dialog';
import { LockIcon } from '../rooms/LockIcon';
import { roomLabel } from '../rooms/roomNames';
import { matchRooms } from './shortcuts';

interface QuickSwitcherProps {
  /** The reader's rooms and DMs in sidebar order. */
  rooms: readonly Room[];
  onOpenRoom: (roomId: string) => void;
  onClose: () => void;
}

/** Ctrl/Cmd+K: type part of a room's name, move with the arrows, Enter opens it, Esc closes. */
export function QuickSwitcher({ rooms, onOpenRoom, onClose }: QuickSwitcherProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const labelled = useMemo(
    () => rooms.map((room) => ({ room, label: roomLabel(room, i18n.language, t('rooms.dmAlone')) })),
    [rooms, i18n.language, t],
  );
  const matches = useMemo(() => matchRooms(labelled, query), [labelled, query]);
  const activeIndex = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const match = matches[activeIndex];
      if (match) onOpenRoom(match.room.id);
    }
  };

  return (
    <Dialog title={t('keyboard.switcherTitle')} testId="quick-switcher" onClose={onClose}>
      <input
        type="text"
        className="input"
        data-testid="quick-switcher-input"
        data-autofocus
        role="combobox"
        aria-label={t('keyboard.switcherLabel')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? optionId(activeIndex) : undefined}
        autoComplete="off"
        placeholder={t('keyboard.switcherPlaceholder')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} className="switcher__list" role="listbox" aria-label={t('keyboard.switcherResults')}>
        {matches.map(({ room, label }, index) => (
          <li
            key={room.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className="switcher__option"
            data-testid="quick-switcher-option"
            data-room-id={room.id}
            onMouseMove={() => setActive(index)}
            onClick={() => onOpenRoom(room.id)}
          >
            {room.kind === 'private' ? <LockIcon label={t('rooms.private')} /> : null}
            {label}
          </li>
        ))}
      </ul>
      {matches.length === 0 ? <p className="switcher__empty">{t('rooms.noneFound')}</p> : null}
    </Dialog>
  );
}
