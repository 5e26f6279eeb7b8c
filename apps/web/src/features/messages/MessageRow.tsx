import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorCode } from '../../api/ApiError';
import { formatFullTime, formatMessageTime } from '../../i18n/formatTime';
import { useOutgoing } from '../composer/OutgoingMessages';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

interface MessageRowProps {
  id: string;
  seq: number | null;
  authorName: string;
  body: string;
  createdAt: string;
  status: DeliveryStatus;
  errorCode: ApiErrorCode | null;
  language: string;
}

/** Props are plain values, so a row re-renders only when what it shows changed. */
export const MessageRow = memo(function MessageRow(props: MessageRowProps) {
  const { id, seq, authorName, body, createdAt, status, errorCode, language } = props;
  const { t } = useTranslation();
  return (
    <li
      className={`message message--${status}`}
      data-testid="message"
      data-message-id={id}
      data-seq={seq ?? ''}
      data-status={status}
    >
      <div className="message__meta">
        <span className="message__author" data-testid="message-author">
          {authorName}
        </span>
        <time className="message__time" dateTime={createdAt} title={formatFullTime(createdAt, language)}>
          {formatMessageTime(createdAt, language)}
        </time>
        {status === 'pending' ? <span className="message__state">{t('messages.sending')}</span> : null}
      </div>
      {/* React renders the text; pre-wrap in CSS keeps the author's line breaks. */}
      <div className="message__body" data-testid="message-body">
        {body}
      </div>
      {status === 'failed' ? <FailedMessageActions id={id} errorCode={errorCode} /> : null}
    </li>
  );
});

function FailedMessageActions({ id, errorCode }: { id: string; errorCode: ApiErrorCode | null }) {
  const { t } = useTranslation();
  const { sender } = useOutgoing();
  return (
    <div className="message__failed">
      <span role="alert">
        {errorCode ? t('messages.failedBecause', { reason: t(`errors.${errorCode}`) }) : t('messages.failed')}
      </span>
      <button
        type="button"
        className="button button--small"
        data-testid="message-retry"
        onClick={() => sender.retry(id)}
      >
        {t('messages.retrySend')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => sender.discard(id)}>
        {t('messages.discard')}
      </button>
    </div>
  );
}
