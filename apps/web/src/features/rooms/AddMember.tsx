import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Member, Person, Room, User } from '@parley/protocol';
import { addRoomMember, memberAdded } from '../../api/rooms';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { PersonSearch } from '../people/PersonSearch';

interface AddMemberProps {
  room: Room;
  user: User;
  /** The members loaded so far (the list comes in pages): they are not offered. */
  members: readonly Member[];
}

/**
 * Finds someone by name and adds them. Members already loaded are not offered; anyone else already
 * in the room gets the server's answer (409 already_member) under the field.
 */
export function AddMember({ room, user, members }: AddMemberProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (person: Person) => addRoomMember(room.id, person.id),
    onSuccess: (member) => memberAdded(queryClient, room.id, member),
  });
  const inRoom = new Set(members.map((member) => member.person.id));

  return (
    <div className="add-member">
      <PersonSearch
        label={t('members.add')}
        placeholder={t('members.addPlaceholder')}
        optionsLabel={t('members.addOptions')}
        inputTestId="add-member-search"
        optionTestId="add-member-option"
        exclude={(person) => person.id === user.id || inRoom.has(person.id)}
        disabled={add.isPending}
        onPick={(person, clear) => add.mutate(person, { onSuccess: clear })}
      >
        <ErrorNotice error={add.error} />
      </PersonSearch>
    </div>
  );
}
