import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Room, User } from '@parley/protocol';
import { roomsQuery } from '../../api/rooms';
import { errorMessageKey } from '../../i18n/errorMessage';
import type { LiveStatus } from '../../live/LiveConnection';
import { Composer } from '../composer/Composer';
import { MessageList } from '../messages/MessageList';
import { RoomHeader } from './RoomHeader';

/** For now every user is in #general and it is the only room (see docs/CONTRACT.md). */
const DEFAULT_ROOM_SLUG = 'general';

const pickDefaultRoom = (rooms: Room[]) => rooms.find((room) => room.slug === DEFAULT_ROOM_SLUG) ?? null;

export function RoomScreen({ user, status }: { user: User; status: LiveStatus }) {
  const { t } = useTranslation();
  const rooms = useQuery({ ...roomsQuery, select: pickDefaultRoom });
  const room = rooms.data ?? null;

  return (
    <main className="room-view" data-testid="room-view">
      <RoomHeader room={room} user={user} status={status} />
      {room ? (
        <>
          <MessageList room={room} />
          <Composer key={room.id} room={room} user={user} />
        </>
      ) : (
        <div className="room-view__notice">
          {rooms.isPending ? <p>{t('app.loading')}</p> : null}
          {rooms.isError ? (
            <p role="alert">
              {t('room.loadFailed')} {t(errorMessageKey(rooms.error))}{' '}
              <button type="button" className="button button--small" onClick={() => void rooms.refetch()}>
                {t('room.retry')}
              </button>
            </p>
          ) : null}
          {rooms.isSuccess ? <p role="alert">{t('room.notFound')}</p> : null}
        </div>
      )}
    </main>
  );
}
