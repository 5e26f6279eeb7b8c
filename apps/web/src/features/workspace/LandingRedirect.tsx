import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Redirect } from 'wouter';
import type { User } from '@parley/protocol';
import { roomsQuery } from '../../api/rooms';
import { errorMessageKey } from '../../i18n/errorMessage';
import { ROUTES } from '../../routes';
import { landingRoom } from '../rooms/roomNames';
import { readLastRoom } from './lastRoom';

/** `/`: the room last open in this browser, else #general. */
export function LandingRedirect({ user }: { user: User }) {
  const { t } = useTranslation();
  const rooms = useQuery(roomsQuery);
  if (rooms.data) {
    const room = landingRoom(rooms.data, readLastRoom(user.id));
    if (room) return <Redirect to={ROUTES.room(room.id)} replace />;
    return <p className="workspace__notice">{t('room.noRooms')}</p>;
  }
  if (rooms.isError) {
    return (
      <p className="workspace__notice" role="alert">
        {t('room.loadFailed')} {t(errorMessageKey(rooms.error))}{' '}
        <button type="button" className="button button--small" onClick={() => void rooms.refetch()}>
          {t('common.retry')}
        </button>
      </p>
    );
  }
  return <p className="workspace__notice">{t('app.loading')}</p>;
}
