import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from 'wouter/use-browser-location';
import type { Message, Room } from '@parley/protocol';
import { ROUTES } from '../../routes';
import { roomLabel } from '../rooms/roomNames';
import { notificationBody, shouldNotify } from './notificationRules';
import { notificationPermission } from './permission';

/**
 * Returns a stable function that shows a desktop notification for a new message when it calls for
 * one (see `shouldNotify`). Call it before the message is counted, with the room as it was. Clicking
 * the notification brings the tab forward and opens the room.
 */
export function useMessageNotifier(): (room: Room | undefined, message: Message, readerId: string) => void {
  const { t, i18n } = useTranslation();
  const text = useRef({ t, language: i18n.language });
  useEffect(() => {
    text.current = { t, language: i18n.language };
  }, [t, i18n.language]);

  return useCallback((room, message, readerId) => {
    const hidden = document.visibilityState === 'hidden';
    if (!room || !shouldNotify({ room, message, readerId, hidden, permission: notificationPermission() })) {
      return;
    }
    const { t: translate, language } = text.current;
    const author = message.author.displayName;
    const title =
      room.kind === 'dm' && (room.dmMembers?.length ?? 0) <= 1
        ? author
        : translate('notifications.title', { author, room: roomLabel(room, language) });
    // One notification per room at a time: a burst replaces rather than piles up.
    const notification = new Notification(title, { body: notificationBody(message.body), tag: room.id });
    notification.onclick = () => {
      window.focus();
      navigate(ROUTES.room(room.id));
      notification.close();
    };
  }, []);
}
