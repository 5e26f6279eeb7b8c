import type { QueryClient } from '@tanstack/react-query';
import { PROTOCOL_VERSION, type ServerEvent } from '@parley/protocol';
import { writeMessageToHistory } from '../api/historyWriter';
import { queryKeys } from '../api/keys';

/** What each stream event means for the app's cached server state. */
export function applyServerEvent(queryClient: QueryClient, event: ServerEvent, reload: () => void): void {
  switch (event.type) {
    case 'hello': {
      // Typed as our own version; a newer server may send another. Widen before comparing.
      const serverVersion: number = event.protocolVersion;
      if (serverVersion !== PROTOCOL_VERSION) {
        reload();
        return;
      }
      queryClient.setQueryData(queryKeys.me(), event.user);
      // No replay: whatever happened while we were not connected is only in a fresh fetch.
      if (!event.resumed) void queryClient.invalidateQueries({ queryKey: queryKeys.messages.all() });
      return;
    }
    case 'message.created':
      writeMessageToHistory(queryClient, event.message);
      return;
    case 'resync':
      void queryClient.invalidateQueries();
      return;
    case 'reconnect':
      return; // A transport matter, handled by LiveConnection.
  }
}
