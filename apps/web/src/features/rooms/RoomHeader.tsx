import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Room, User } from '@parley/protocol';
import { endSession, signOut } from '../../api/session';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import type { LiveStatus } from '../../live/LiveConnection';
import { ConnectionStatus } from './ConnectionStatus';

interface RoomHeaderProps {
  room: Room | null;
  user: User;
  status: LiveStatus;
}

export function RoomHeader({ room, user, status }: RoomHeaderProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    // Leave this screen even if the server could not be told: staying would look like a broken button.
    onSettled: () => endSession(queryClient),
  });

  return (
    <header className="room-header">
      <div className="room-header__room">
        <h1 className="room-header__title" data-testid="room-title">
          {room ? `#${room.slug}` : null}
        </h1>
        {room?.topic ? <p className="room-header__topic">{room.topic}</p> : null}
      </div>
      <div className="room-header__tools">
        <ConnectionStatus status={status} />
        <span className="room-header__user">
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          <span data-testid="current-user">{user.displayName}</span>
        </span>
        <LanguageSwitch />
        <button
          type="button"
          className="button"
          data-testid="sign-out"
          disabled={signOutMutation.isPending}
          onClick={() => signOutMutation.mutate()}
        >
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
