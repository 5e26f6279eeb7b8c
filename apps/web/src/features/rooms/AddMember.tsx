import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Person, Room } from '@parley/protocol';
import { addRoomMember, memberAdded } from '../../api/rooms';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { PersonSearch } from '../people/PersonSearch';

interface AddMemberProps {
  room: Room;
}

/**
 * Finds someone by name and adds them. The server leaves the room's members out of the search, so
 * only people who can be added are offered.
 */
export function AddMember({ room }: AddMemberProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (person: Person) => addRoomMember(room.id, person.id),
    onSuccess: (member) => memberAdded(queryClient, room.id, member),
  });

  return (
    <div className="add-member">
      <PersonSearch
        label={t('members.add')}
        placeholder={t('members.addPlaceholder')}
        optionsLabel={t('members.addOptions')}
        inputTestId="add-member-search"
        optionTestId="add-member-option"
        notIn={room.id}
        disabled={add.isPending}
        onPick={(person, clear) => add.mutate(person, { onSuccess: clear })}
      >
        <ErrorNotice error={add.error} />
      </PersonSearch>
    </div>
  );
}
