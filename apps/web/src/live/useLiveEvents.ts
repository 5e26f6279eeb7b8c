import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Room } from '@parley/protocol';
import { eventsUrl } from '../api/client';
import { queryKeys } from '../api/keys';
import { reportAway } from '../api/presence';
import { presenceWatcher } from './PresenceWatcher';
import { endSession, fetchCurrentUser } from '../api/session';
import { useMessageNotifier } from '../features/notifications/useMessageNotifier';
import { AwayReporter } from './AwayReporter';
import { applyServerEvent } from './applyServerEvent';
import { LiveConnection, type LiveStatus, type Network } from './LiveConnection';
import { reloadForNewVersion } from './reloadOnce';

const browserNetwork: Network = {
  isOnline: () => navigator.onLine,
  subscribe: (listener) => {
    const online = () => listener(true);
    const offline = () => listener(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};

/**
 * The app's one EventSource (browsers share 6 connections per origin across tabs, so never one per
 * room). Mount it once, for the signed-in user; it writes events into the query cache and returns
 * the connection status for the header.
 */
export function useLiveEvents(userId: string): LiveStatus {
  const queryClient = useQueryClient();
  const notify = useMessageNotifier();
  const [status, setStatus] = useState<LiveStatus>(() =>
    browserNetwork.isOnline() ? 'connecting' : 'offline',
  );

  useEffect(() => {
    const away = new AwayReporter(reportAway);
    away.start();
    const connection = new LiveConnection({
      url: eventsUrl,
      openEventSource: (url) => new EventSource(url, { withCredentials: true }),
      onEvent: (event) => {
        if (event.type === 'message.created') {
          // Decided on the room as it was before this message was counted.
          const rooms = queryClient.getQueryData<Room[]>(queryKeys.rooms());
          notify(
            rooms?.find((room) => room.id === event.roomId),
            event.message,
            userId,
          );
        }
        applyServerEvent(queryClient, event, reloadForNewVersion);
        if (event.type === 'hello') {
          away.connected(event.connectionId);
          presenceWatcher.connected(event.connectionId);
        }
      },
      onStatus: setStatus,
      checkSession: async () => (await fetchCurrentUser()) !== null,
      onSessionEnded: () => endSession(queryClient),
      network: browserNetwork,
    });
    connection.start();
    return () => {
      connection.stop();
      away.stop();
      presenceWatcher.stop();
    };
  }, [queryClient, userId, notify]);

  return status;
}
