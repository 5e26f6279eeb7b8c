import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { writeReactionToHistory, setReaction } from '../../api/reactions';
import type { ReactionChange } from '../../api/reactionCache';
import { currentUserQuery } from '../../api/session';

interface Toggle {
  emoji: string;
  /** Add the reader's reaction (true) or take it away. */
  on: boolean;
}

/**
 * Adds or takes away the reader's reaction to one message. It shows at once and is undone if the
 * server refuses; the stream's event for it changes nothing more (changes are idempotent).
 */
export function useToggleReaction(roomId: string, messageId: string) {
  const queryClient = useQueryClient();
  const { data: reader } = useQuery(currentUserQuery);
  const change = ({ emoji, on }: Toggle): ReactionChange | null => {
    if (!reader) return null;
    const { id, username, displayName, avatarColor } = reader;
    return on
      ? { kind: 'added', messageId, emoji, user: { id, username, displayName, avatarColor } }
      : { kind: 'removed', messageId, emoji, userId: id };
  };
  const mutation = useMutation({
    mutationFn: ({ emoji, on }: Toggle) => setReaction(roomId, messageId, emoji, on),
    onMutate: (toggle) => {
      const optimistic = change(toggle);
      if (optimistic) writeReactionToHistory(queryClient, roomId, optimistic);
    },
    onError: (_error, toggle) => {
      const undo = change({ ...toggle, on: !toggle.on });
      if (undo) writeReactionToHistory(queryClient, roomId, undo);
    },
  });
  return { toggle: mutation.mutate, readerId: reader?.id, error: mutation.isError ? mutation.error : null };
}
