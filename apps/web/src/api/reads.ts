import type { QueryClient } from '@tanstack/react-query';
import {
  API_PATHS,
  type Message,
  type NotificationLevel,
  type NotificationLevelResponse,
  type Room,
  type RoomUnread,
  type RoomUnreadResponse,
  type User,
} from '@parley/protocol';
import { writeToCache } from './cacheWriter';
import { request } from './client';
import { queryKeys } from './keys';
import { applyNotificationLevel, applyReadState, countNewMessage, isUnreadFor } from './readState';

/** Moves the reader's position in the room forward to this message seq (the server never moves it back). */
export async function markRoomRead(roomId: string, seq: number): Promise<RoomUnread> {
  const response = (await request(API_PATHS.roomRead(roomId), {
    method: 'POST',
    body: { seq },
  })) as RoomUnreadResponse;
  return response.unread;
}

export async function putNotificationLevel(
  roomId: string,
  level: NotificationLevel,
): Promise<NotificationLevel> {
  const response = (await request(API_PATHS.roomNotifications(roomId), {
    method: 'PUT',
    body: { level },
  })) as NotificationLevelResponse;
  return response.level;
}

function readerId(queryClient: QueryClient): string | undefined {
  return queryClient.getQueryData<User | null>(queryKeys.me())?.id;
}

/** A new message of one of the reader's rooms, from the stream: counted unless it is their own. */
export function messageCounted(queryClient: QueryClient, message: Message): void {
  const reader = readerId(queryClient);
  if (reader === undefined) return;
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) => countNewMessage(rooms, message, reader));
}

/**
 * An unread message was edited (its mentions may have changed) or deleted: the client cannot tell
 * what that does to the counts, the server can.
 */
export function unreadMessageChanged(queryClient: QueryClient, roomId: string, message?: Message): void {
  const reader = readerId(queryClient);
  const room = queryClient.getQueryData<Room[]>(queryKeys.rooms())?.find((r) => r.id === roomId);
  if (reader === undefined || room?.unread === undefined || room.unread.unreadCount === 0) return;
  if (message !== undefined && !isUnreadFor(room, message, reader)) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.rooms(), exact: true });
}

/** The reader's read position moved (in this tab, another, or another device). */
export function roomReadChanged(queryClient: QueryClient, roomId: string, unread: RoomUnread): void {
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) => applyReadState(rooms, roomId, unread));
}

export function notificationLevelChanged(
  queryClient: QueryClient,
  roomId: string,
  level: NotificationLevel,
): void {
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) =>
    applyNotificationLevel(rooms, roomId, level),
  );
}
