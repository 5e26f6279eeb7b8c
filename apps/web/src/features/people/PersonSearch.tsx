import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '@parley/protocol';
import { peopleQuery } from '../../api/people';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { Avatar } from './Avatar';

interface PersonSearchProps {
  label: string;
  placeholder: string;
  /** Names the list of matches for assistive technology. */
  optionsLabel: string;
  inputTestId: string;
  optionTestId: string;
  /** People not to offer (the reader...). */
  exclude?: (person: Person) => boolean;
  /** A room whose members the server leaves out (people to add to it). */
  notIn?: string;
  disabled?: boolean;
  /** `clear` empties the field, once the pick has done what it should. */
  onPick: (person: Person, clear: () => void) => void;
  /** Shown between the field and the matches, such as a failed pick's error. */
  children?: ReactNode;
}

/** A field that finds people by name as one types, and a button per match to pick one. */
export function PersonSearch(props: PersonSearchProps) {
  const { label, placeholder, optionsLabel, inputTestId, optionTestId, exclude, notIn, disabled, onPick } =
    props;
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim(), 150);
  const people = useQuery({ ...peopleQuery(settled, notIn), enabled: settled !== '' });
  const options =
    search.trim() === '' ? [] : (people.data ?? []).filter((person) => !(exclude?.(person) ?? false));

  return (
    <>
      <label htmlFor={`${id}-search`} className="field__label">
        {label}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        data-testid={inputTestId}
        value={search}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setSearch(event.target.value)}
      />
      {props.children}
      {options.length > 0 ? (
        <ul className="choice-list choice-list--compact" aria-label={optionsLabel}>
          {options.map((person) => (
            <li key={person.id}>
              <button
                type="button"
                className="person-option"
                data-testid={optionTestId}
                data-username={person.username}
                disabled={disabled}
                onClick={() => onPick(person, () => setSearch(''))}
              >
                <Avatar displayName={person.displayName} color={person.avatarColor} size="small" />
                <span className="person-option__name">{person.displayName}</span>
                <span className="person-option__username">@{person.username}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {settled !== '' && people.isSuccess && options.length === 0 ? (
        <p className="members-panel__note">{t('people.noneFound')}</p>
      ) : null}
    </>
  );
}
