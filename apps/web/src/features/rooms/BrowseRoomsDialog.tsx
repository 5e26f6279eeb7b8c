import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { browseRoomsQuery, joinRoom, roomJoined } from '../../api/rooms';
import { ROUTES } from '../../routes';
import { Dialog } from '../../ui/Dialog';
import { sidebarGroups } from './roomNames';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Every public room, joined or not: join one (which opens it) or open one already joined. */
export function BrowseRoomsDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const rooms = useQuery(browseRoomsQuery);
  const [filter, setFilter] = useState('');
  const join = useMutation({
    mutationFn: joinRoom,
    onSuccess: (room) => {
      roomJoined(queryClient, room);
      navigate(ROUTES.room(room.id));
      onClose();
    },
  });

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const all = sidebarGroups(rooms.data ?? [], i18n.language).rooms;
    if (!needle) return all;
    return all.filter(
      (room) =>
        room.name.toLocaleLowerCase().includes(needle) || room.topic.toLocaleLowerCase().includes(needle),
    );
  }, [rooms.data, filter, i18n.language]);

  const open = (roomId: string) => {
    navigate(ROUTES.room(roomId));
    onClose();
  };

  return (
    <Dialog
      title={t('rooms.browseTitle')}
      testId="browse-rooms-dialog"
      onClose={onClose}
      className="dialog--wide"
    >
      <div className="dialog__form">
        <label className="field">
          <span className="field__label">{t('rooms.filter')}</span>
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        {rooms.isPending ? <p className="dialog__note">{t('app.loading')}</p> : null}
        <ErrorNotice error={rooms.error} onRetry={() => void rooms.refetch()} />
        <ErrorNotice error={join.error} />
        {rooms.isSuccess && shown.length === 0 ? (
          <p className="dialog__note">{t('rooms.noneFound')}</p>
        ) : null}
        <ul className="choice-list">
          {shown.map((room) => (
            <li key={room.id} className="choice-list__item" data-testid="browse-room" data-room-id={room.id}>
              <div className="choice-list__text">
                <span className="choice-list__title">#{room.name}</span>
                <span className="choice-list__meta">
                  {t('rooms.memberCount', { count: room.memberCount })}
                  {room.topic ? ` · ${room.topic}` : ''}
                </span>
              </div>
              {room.myRole ? (
                <button type="button" className="button button--small" onClick={() => open(room.id)}>
                  {t('rooms.open')}
                  <span className="visually-hidden"> #{room.name}</span>
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--small button--primary"
                  data-testid="browse-room-join"
                  disabled={join.isPending}
                  onClick={() => join.mutate(room.id)}
                >
                  {t('rooms.join')}
                  <span className="visually-hidden"> #{room.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
