import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type KeyboardEvent, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Room, type UpdateRoomBody, type User } from '@parley/protocol';
import { roomChanged, updateRoom } from '../../api/rooms';
import { canRename } from './permissions';
import { formText } from '../../ui/formText';
import { ErrorNotice } from '../../ui/ErrorNotice';

interface TopicEditorProps {
  room: Room;
  user: User;
  onDone: () => void;
}

/** Any member sets the topic; owners and admins may also rename the room here. */
export function TopicEditor({ room, user, onDone }: TopicEditorProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const renaming = canRename(room, user);
  const save = useMutation({
    mutationFn: (body: UpdateRoomBody) => updateRoom(room.id, body),
    onSuccess: (updated) => {
      roomChanged(queryClient, updated);
      onDone();
    },
  });

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const topic = formText(form, 'topic').trim();
    const name = formText(form, 'name').trim();
    const body: UpdateRoomBody = {
      ...(topic !== room.topic ? { topic } : {}),
      ...(renaming && name !== '' && name !== room.name ? { name } : {}),
    };
    if (Object.keys(body).length === 0) onDone();
    else save.mutate(body);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onDone();
    }
  };

  return (
    <form className="topic-editor" onSubmit={onSubmit} onKeyDown={onKeyDown}>
      {renaming ? (
        <>
          <label htmlFor={`${id}-name`} className="visually-hidden">
            {t('rooms.name')}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            className="topic-editor__name"
            defaultValue={room.name}
            maxLength={LIMITS.roomNameMax}
            autoComplete="off"
          />
        </>
      ) : null}
      <label htmlFor={`${id}-topic`} className="visually-hidden">
        {t('room.topic')}
      </label>
      <input
        id={`${id}-topic`}
        name="topic"
        data-testid="room-topic-input"
        className="topic-editor__topic"
        defaultValue={room.topic}
        maxLength={LIMITS.topicMax}
        placeholder={t('room.topicPlaceholder')}
        autoComplete="off"
        // Opened by a click on "edit": the reader wants to type the topic.
        autoFocus
      />
      <button
        type="submit"
        className="button button--small button--primary"
        data-testid="room-topic-save"
        disabled={save.isPending}
      >
        {t('common.save')}
      </button>
      <button type="button" className="button button--small" onClick={onDone}>
        {t('common.cancel')}
      </button>
      <ErrorNotice error={save.error} />
    </form>
  );
}
