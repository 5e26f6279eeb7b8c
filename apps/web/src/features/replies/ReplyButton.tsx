import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { quoteExcerpt } from '@parley/protocol';
import { roomHistoryQuery } from '../../api/messages';
import { composerInputId } from '../composer/Composer';
import { useSetReplyTarget } from './ReplyTarget';

interface ReplyButtonProps {
  roomId: string;
  messageId: string;
}

/** Starts a reply to the message: the composer shows what it answers and takes the focus. */
export function ReplyButton({ roomId, messageId }: ReplyButtonProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setReplyTarget = useSetReplyTarget();
  return (
    <button
      type="button"
      className="button button--small button--quiet message__action"
      data-testid="message-reply"
      onClick={() => {
        const history = queryClient.getQueryData(roomHistoryQuery(roomId).queryKey);
        const message = history?.pages.flatMap((page) => page.messages).find((m) => m.id === messageId);
        if (!message) return;
        setReplyTarget({
          id: message.id,
          seq: message.seq,
          deleted: false,
          author: message.author,
          excerpt: quoteExcerpt(message.body),
        });
        document.getElementById(composerInputId(roomId))?.focus();
      }}
    >
      {t('replies.reply')}
    </button>
  );
}
