import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRoute } from 'wouter';
import type { Room, User } from '@parley/protocol';
import { notificationLevelOf } from '../../api/readState';
import { roomsQuery } from '../../api/rooms';
import { errorMessageKey } from '../../i18n/errorMessage';
import { ROUTES } from '../../routes';
import { NewDmDialog } from '../people/NewDmDialog';
import { PresenceDot } from '../people/PresenceDot';
import { useReadingRoom } from '../unread/readingRoom';
import { UnreadBadge } from '../unread/UnreadBadge';
import { shownCounts } from '../unread/unreadTotals';
import { BrowseRoomsDialog } from './BrowseRoomsDialog';
import { CreateRoomDialog } from './CreateRoomDialog';
import { LockIcon } from './LockIcon';
import { roomLabel, sidebarGroups } from './roomNames';

export const SIDEBAR_ID = 'sidebar';

interface SidebarProps {
  user: User;
  /** Narrow screens only: the list is shown over the content. */
  open: boolean;
  onClose: () => void;
}

type OpenDialog = 'create' | 'browse' | 'dm' | null;

/** The reader's rooms, then their DMs, kept current by the stream; and the ways to get more. */
export function Sidebar({ user, open, onClose }: SidebarProps) {
  const { t, i18n } = useTranslation();
  const rooms = useQuery(roomsQuery);
  const [, params] = useRoute(ROUTES.roomPattern);
  const activeId = params?.roomId ?? null;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const readingRoomId = useReadingRoom();
  const groups = useMemo(() => sidebarGroups(rooms.data ?? [], i18n.language), [rooms.data, i18n.language]);

  // On a phone, Esc puts the list away as it would a dialog.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open, onClose]);

  const item = (room: Room) => (
    <li key={room.id}>
      <Link
        href={ROUTES.room(room.id)}
        className="sidebar__room"
        data-testid="sidebar-room"
        data-room-id={room.id}
        data-kind={room.kind}
        data-active={room.id === activeId ? 'true' : 'false'}
        aria-current={room.id === activeId ? 'page' : undefined}
        onClick={onClose}
      >
        {room.kind === 'private' ? <LockIcon label={t('rooms.private')} /> : null}
        {room.kind === 'dm' && room.dmMembers?.length === 1 && room.dmMembers[0] ? (
          <PresenceDot userId={room.dmMembers[0].id} />
        ) : null}
        <span className="sidebar__room-name">{roomLabel(room, i18n.language, t('rooms.dmAlone'))}</span>
        <UnreadBadge counts={shownCounts(room, readingRoomId)} muted={notificationLevelOf(room) === 'none'} />
      </Link>
    </li>
  );

  return (
    <>
      {open ? (
        <button
          type="button"
          className="sidebar-backdrop"
          aria-label={t('sidebar.close')}
          tabIndex={-1}
          onClick={onClose}
        />
      ) : null}
      <nav
        id={SIDEBAR_ID}
        className={open ? 'sidebar sidebar--open' : 'sidebar'}
        data-testid="sidebar"
        aria-label={t('sidebar.label')}
      >
        <section className="sidebar__section" aria-labelledby="sidebar-rooms">
          <div className="sidebar__heading">
            <h2 id="sidebar-rooms">{t('sidebar.rooms')}</h2>
            <button
              type="button"
              className="button button--quiet button--icon"
              data-testid="create-room-button"
              aria-label={t('rooms.create')}
              title={t('rooms.create')}
              onClick={() => setDialog('create')}
            >
              <span aria-hidden="true">+</span>
            </button>
          </div>
          <ul className="sidebar__list">{groups.rooms.map(item)}</ul>
          <button
            type="button"
            className="button button--quiet sidebar__action"
            data-testid="browse-rooms-button"
            onClick={() => setDialog('browse')}
          >
            {t('rooms.browse')}
          </button>
        </section>
        <section className="sidebar__section" aria-labelledby="sidebar-dms">
          <div className="sidebar__heading">
            <h2 id="sidebar-dms">{t('sidebar.dms')}</h2>
            <button
              type="button"
              className="button button--quiet button--icon"
              data-testid="new-dm-button"
              aria-label={t('dms.new')}
              title={t('dms.new')}
              onClick={() => setDialog('dm')}
            >
              <span aria-hidden="true">+</span>
            </button>
          </div>
          <ul className="sidebar__list">{groups.dms.map(item)}</ul>
        </section>
        {rooms.isPending ? <p className="sidebar__note">{t('app.loading')}</p> : null}
        {rooms.isError ? (
          <p className="sidebar__note" role="alert">
            {t(errorMessageKey(rooms.error))}{' '}
            <button type="button" className="button button--small" onClick={() => void rooms.refetch()}>
              {t('common.retry')}
            </button>
          </p>
        ) : null}
      </nav>
      {dialog === 'create' ? <CreateRoomDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'browse' ? <BrowseRoomsDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'dm' ? <NewDmDialog user={user} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
