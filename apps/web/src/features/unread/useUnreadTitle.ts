import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { roomsQuery } from '../../api/rooms';
import { useReadingRoom } from './readingRoom';
import { unreadTitle, unreadTotals } from './unreadTotals';

/** Keeps the tab's title saying how much is unread, so a tab in the background tells. */
export function useUnreadTitle(): void {
  const { t } = useTranslation();
  const rooms = useQuery(roomsQuery);
  const reading = useReadingRoom();
  const appName = t('app.name');
  const title = unreadTitle(appName, unreadTotals(rooms.data ?? [], reading));
  useEffect(() => {
    document.title = title;
    return () => {
      document.title = appName;
    };
  }, [title, appName]);
}
