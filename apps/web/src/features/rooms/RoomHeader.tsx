import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Room, User } from '@parley/protocol';
import { leaveRoom, roomLeft } from '../../api/rooms';
import { ROUTES } from '../../routes';
import { confirmAction } from '../../ui/confirm';
import { NotificationLevelSelect } from '../notifications/NotificationLevelSelect';
import { LockIcon } from './LockIcon';
import { canEditTopic, canLeave } from './permissions';
import { roomLabel } from './roomNames';
import { TopicEditor } from './TopicEditor';
import { ErrorNotice } from '../../ui/ErrorNotice';

interface RoomHeaderProps {
  room: Room;
  user: User;
  membersOpen: boolean;
  membersPanelId: string;
  onToggleMembers: () => void;
}

export function RoomHeader({ room, user, membersOpen, membersPanelId, onToggleMembers }: RoomHeaderProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [editing, setEditing] = useState(false);
  const label = roomLabel(room, i18n.language, t('rooms.dmAlone'));
  const leave = useMutation({
    mutationFn: () => leaveRoom(room.id),
    onSuccess: () => {
      roomLeft(queryClient, room.id);
      navigate(ROUTES.home, { replace: true });
    },
  });

  return (
    <header className="room-header">
      <div className="room-header__room">
        <div className="room-header__title-row">
          {room.kind === 'private' ? <LockIcon label={t('rooms.private')} /> : null}
          <h1 className="room-header__title" data-testid="room-title">
            {label}
          </h1>
        </div>
        {room.kind === 'dm' ? (
          <p className="room-header__topic">
            {(room.dmMembers?.length ?? 0) > 1
              ? t('dms.aboutGroup', { people: (room.dmMembers?.length ?? 0) + 1 })
              : t('dms.aboutPair')}
          </p>
        ) : editing ? (
          <TopicEditor room={room} user={user} onDone={() => setEditing(false)} />
        ) : (
          <div className="room-header__topic-row">
            <p className="room-header__topic" data-testid="room-topic">
              {room.topic}
            </p>
            {canEditTopic(room) ? (
              <button
                type="button"
                className="button button--quiet button--small"
                data-testid="room-topic-edit"
                onClick={() => setEditing(true)}
              >
                {room.topic ? t('room.editTopic') : t('room.addTopic')}
              </button>
            ) : null}
          </div>
        )}
      </div>
      <div className="room-header__tools">
        <NotificationLevelSelect room={room} />
        <button
          type="button"
          className="button button--small"
          data-testid="room-members-button"
          aria-expanded={membersOpen}
          aria-controls={membersPanelId}
          onClick={onToggleMembers}
        >
          {t('members.button', { count: room.memberCount })}
        </button>
        {canLeave(room) ? (
          <button
            type="button"
            className="button button--small"
            data-testid="leave-room"
            disabled={leave.isPending}
            onClick={() => {
              if (confirmAction(t('room.leaveConfirm', { room: label }))) leave.mutate();
            }}
          >
            {t('room.leave')}
          </button>
        ) : null}
        <ErrorNotice error={leave.error} />
      </div>
    </header>
  );
}
