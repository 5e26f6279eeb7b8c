import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LIMITS, type Person, type User } from '@parley/protocol';
import { peopleQuery } from '../../api/people';
import { openDm, roomJoined } from '../../api/rooms';
import { ROUTES } from '../../routes';
import { Dialog } from '../../ui/Dialog';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { Avatar } from './Avatar';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Everyone in a DM but the reader. */
const MAX_OTHERS = LIMITS.dmMembersMax - 1;

/** Picks up to seven people and opens the DM with exactly them (the same people, the same DM). */
export function NewDmDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Person[]>([]);
  const people = useQuery(peopleQuery(useDebouncedValue(search, 150)));
  const start = useMutation({
    mutationFn: openDm,
    onSuccess: (room) => {
      roomJoined(queryClient, room);
      navigate(ROUTES.room(room.id));
      onClose();
    },
  });

  const isSelected = (person: Person) => selected.some((chosen) => chosen.id === person.id);
  const toggle = (person: Person) =>
    setSelected((current) =>
      current.some((chosen) => chosen.id === person.id)
        ? current.filter((chosen) => chosen.id !== person.id)
        : current.length < MAX_OTHERS
          ? [...current, person]
          : current,
    );
  const options = (people.data ?? []).filter((person) => person.id !== user.id);
  const full = selected.length >= MAX_OTHERS;

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (selected.length > 0) start.mutate(selected.map((person) => person.id));
  };

  return (
    <Dialog title={t('dms.newTitle')} testId="new-dm-dialog" onClose={onClose}>
      <form className="dialog__form" onSubmit={onSubmit}>
        <label className="field">
          <span className="field__label">{t('people.search')}</span>
          <input
            type="search"
            data-testid="people-search"
            value={search}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <div className="chips" aria-live="polite">
          {selected.length === 0 ? (
            <span className="dialog__note">{t('dms.pickHint', { max: MAX_OTHERS })}</span>
          ) : (
            <>
              <span className="visually-hidden">{t('dms.selected')}</span>
              {selected.map((person) => (
                <button
                  key={person.id}
                  type="button"
                  className="chip"
                  aria-label={t('dms.unselect', { name: person.displayName })}
                  onClick={() => toggle(person)}
                >
                  {person.displayName} <span aria-hidden="true">×</span>
                </button>
              ))}
            </>
          )}
        </div>
        <ErrorNotice error={people.error} />
        {people.isSuccess && options.length === 0 ? (
          <p className="dialog__note">{t('people.noneFound')}</p>
        ) : null}
        <ul className="choice-list choice-list--compact">
          {options.map((person) => (
            <li key={person.id}>
              <button
                type="button"
                className="person-option"
                data-testid="people-option"
                data-username={person.username}
                aria-pressed={isSelected(person)}
                disabled={full && !isSelected(person)}
                onClick={() => toggle(person)}
              >
                <Avatar displayName={person.displayName} color={person.avatarColor} size="small" />
                <span className="person-option__name">{person.displayName}</span>
                <span className="person-option__username">@{person.username}</span>
                <span className="person-option__check" aria-hidden="true">
                  {isSelected(person) ? '✓' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <ErrorNotice error={start.error} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="new-dm-submit"
            disabled={selected.length === 0 || start.isPending}
          >
            {t('dms.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
