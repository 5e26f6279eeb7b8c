import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Person, Room, User } from '@parley/protocol';
import { peopleQuery } from '../../api/people';
import { addRoomMember, memberAdded } from '../../api/rooms';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { Avatar } from '../people/Avatar';
import { ErrorNotice } from '../../ui/ErrorNotice';

interface AddMemberProps {
  room: Room;
  user: User;
  members: Member[] | undefined;
}

/** Finds someone by name and adds them; people already in the room are not offered. */
export function AddMember({ room, user, members }: AddMemberProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim(), 150);
  const people = useQuery({ ...peopleQuery(settled), enabled: settled !== '' });
  const add = useMutation({
    mutationFn: (person: Person) => addRoomMember(room.id, person.id),
    onSuccess: (member) => {
      memberAdded(queryClient, room.id, member);
      setSearch('');
    },
  });

  const inRoom = new Set((members ?? []).map((member) => member.person.id));
  const options =
    search.trim() === ''
      ? []
      : (people.data ?? []).filter((person) => person.id !== user.id && !inRoom.has(person.id));

  return (
    <div className="add-member">
      <label htmlFor={`${id}-search`} className="field__label">
        {t('members.add')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        data-testid="add-member-search"
        value={search}
        placeholder={t('members.addPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setSearch(event.target.value)}
      />
      <ErrorNotice error={add.error} />
      {options.length > 0 ? (
        <ul className="choice-list choice-list--compact" aria-label={t('members.addOptions')}>
          {options.map((person) => (
            <li key={person.id}>
              <button
                type="button"
                className="person-option"
                data-testid="add-member-option"
                data-username={person.username}
                disabled={add.isPending}
                onClick={() => add.mutate(person)}
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
    </div>
  );
}
