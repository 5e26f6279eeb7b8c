import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';
import { fetchMessageSeq } from '../../api/messages';
import { MESSAGE_PARAM } from '../../routes';
import { jumpToMessage } from '../replies/jumpToMessage';

/**
 * Follows a link to one message of the room (`?message=<id>`, from search or a shared permalink):
 * once the newest page is loaded, loads history back to the message and shows it highlighted in
 * the middle of the timeline. Returns whether the linked message could not be shown.
 */
export function useMessageLink(roomId: string, historyLoaded: boolean): boolean {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const messageId = params.get(MESSAGE_PARAM);
  const [missing, setMissing] = useState<string | null>(null);

  useEffect(() => {
    if (!historyLoaded || messageId === null) return;
    let current = true;
    const show = async () => {
      const seq = await fetchMessageSeq(roomId, messageId);
      return seq !== null && (await jumpToMessage(queryClient, roomId, { id: messageId, seq }));
    };
    show().then(
      (shown) => {
        if (current && !shown) setMissing(messageId);
      },
      () => {
        if (current) setMissing(messageId);
      },
    );
    return () => {
      current = false;
    };
  }, [historyLoaded, messageId, roomId, queryClient]);

  return messageId !== null && missing === messageId;
}
