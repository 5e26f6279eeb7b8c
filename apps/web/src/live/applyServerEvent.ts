import type { QueryClient } from '@tanstack/react-query';
import { PROTOCOL_VERSION, type ServerEvent } from '@parley/protocol';
import { deleteMessageFromHistory, writeEditToHistory, writeMessageToHistory } from '../api/historyWriter';
import { queryKeys } from '../api/keys';
import {
  messageCounted,
  notificationLevelChanged,
  roomReadChanged,
  unreadMessageChanged,
} from '../api/reads';
import { personChanged } from '../api/people';
import { presenceChanged, typingStarted, typingStopped } from '../api/presence';
import { writeReactionToHistory } from '../api/reactions';
import { memberAdded, memberRemoved, roomChanged, roomJoined, roomLeft } from '../api/rooms';
import { removeSearchHits } from '../api/search';

/**
 * What each stream event means for the app's cached server state. Events of every room the reader
 * is in arrive here, on the page's one stream; each updates only what is cached (a room never
 * opened has no history to update, and fetches it whole when it is opened).
 */
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
      if (!event.resumed) {
        for (const queryKey of [
          queryKeys.rooms(),
          queryKeys.messages.all(),
          queryKeys.members.all(),
          queryKeys.browseRooms(),
        ]) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }
      return;
    }
    case 'message.created':
      writeMessageToHistory(queryClient, event.message);
      messageCounted(queryClient, event.message);
      typingStopped(queryClient, event.roomId, event.message.author.id);
      return;
    case 'message.updated':
      writeEditToHistory(queryClient, event.message);
      unreadMessageChanged(queryClient, event.roomId, event.message);
      return;
    case 'message.deleted':
      deleteMessageFromHistory(queryClient, event.roomId, event.messageId);
      unreadMessageChanged(queryClient, event.roomId);
      removeSearchHits(queryClient, (hit) => hit.message.id === event.messageId);
      return;
    case 'reaction.added':
    case 'reaction.removed':
      writeReactionToHistory(
        queryClient,
        event.roomId,
        event.type === 'reaction.added'
          ? { kind: 'added', messageId: event.messageId, emoji: event.emoji, user: event.user }
          : { kind: 'removed', messageId: event.messageId, emoji: event.emoji, userId: event.userId },
      );
      return;
    case 'room.added':
      roomJoined(queryClient, event.room, event.seq);
      return;
    case 'room.removed':
      roomLeft(queryClient, event.roomId);
      removeSearchHits(queryClient, (hit) => hit.message.roomId === event.roomId);
      return;
    case 'room.updated':
      roomChanged(queryClient, event.room);
      return;
    case 'room.read':
      roomReadChanged(queryClient, event.roomId, event.unread);
      return;
    case 'room.notifications':
      notificationLevelChanged(queryClient, event.roomId, event.level);
      return;
    case 'user.updated':
      personChanged(queryClient, event.roomId, event.user);
      return;
    case 'member.joined':
      memberAdded(queryClient, event.roomId, event.member, event.seq);
      return;
    case 'member.left':
      memberRemoved(queryClient, event.roomId, event.userId, event.seq);
      return;
    case 'resync':
      void queryClient.invalidateQueries();
      return;
    case 'reconnect':
      return; // A transport matter, handled by LiveConnection.
    case 'typing':
      typingStarted(queryClient, event);
      return;
    case 'presence':
      presenceChanged(queryClient, event.changes);
      return;
  }
}
