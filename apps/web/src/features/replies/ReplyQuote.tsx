import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotedMessage } from '@parley/protocol';
import { jumpToMessage } from './jumpToMessage';

interface ReplyQuoteProps {
  roomId: string;
  quote: QuotedMessage;
}

/** The short quote above a reply; clicking it jumps to the original, loading older history if needed. */
export function ReplyQuote({ roomId, quote }: ReplyQuoteProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [missing, setMissing] = useState(false);

  if (quote.deleted || missing) {
    return (
      <p className="reply-quote reply-quote--gone" data-testid="reply-quote" data-deleted="true">
        {t('replies.originalDeleted')}
      </p>
    );
  }
  return (
    <button
      type="button"
      className="reply-quote"
      data-testid="reply-quote"
      data-reply-to={quote.id}
      title={t('replies.jump')}
      onClick={() => {
        void jumpToMessage(queryClient, roomId, quote).then((found) => setMissing(!found));
      }}
    >
      <span className="visually-hidden">{t('replies.inReplyTo')} </span>
      <span className="reply-quote__author">{quote.author?.displayName}</span>
      <span className="reply-quote__excerpt">{quote.excerpt}</span>
    </button>
  );
}
