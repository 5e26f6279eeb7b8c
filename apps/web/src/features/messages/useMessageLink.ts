import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';
import { fetchMessageSeq } from '../../api/messages';
import { MESSAGE_PARAM } from '../../routes';
import { jumpToMessage } from '../replies/jumpToMessage';

/** Why a linked message is not shown: it is gone, or it could not be asked for (say, offline). */
export type MessageLinkProblem = { kind: 'missing' } | { kind: 'failed'; error: unknown };

/**
 * Follows a link to one message of the room (`?message=<id>`, from search or a shared permalink):
 * once the newest page is loaded, loads history back to the message and shows it highlighted in
 * the middle of the timeline. Returns why the linked message could not be shown, or null.
 */
export function useMessageLink(roomId: string, historyLoaded: boolean): MessageLinkProblem | null {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const messageId = params.get(MESSAGE_PARAM);
  const [problem, setProblem] = useState<{ messageId: string; problem: MessageLinkProblem } | null>(null);

  useEffect(() => {
    if (!historyLoaded || messageId === null) return;
    let current = true;
    const show = async () => {
      const seq = await fetchMessageSeq(roomId, messageId);
      return seq !== null && (await jumpToMessage(queryClient, roomId, { id: messageId, seq }));
    };
    show().then(
      (shown) => {
        if (current && !shown) setProblem({ messageId, problem: { kind: 'missing' } });
      },
      (error: unknown) => {
        if (current) setProblem({ messageId, problem: { kind: 'failed', error } });
      },
    );
    return () => {
      current = false;
    };
  }, [historyLoaded, messageId, roomId, queryClient]);

  return messageId !== null && problem?.messageId === messageId ? problem.problem : null;
}
