import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotedMessage, Reaction } from '@parley/protocol';
import type { ApiErrorCode } from '../../api/ApiError';
import { deleteMessageFromHistory } from '../../api/historyWriter';
import { deleteMessage } from '../../api/messages';
import { errorMessageKey } from '../../i18n/errorMessage';
import { formatFullTime, formatMessageTime } from '../../i18n/formatTime';
import { confirmAction } from '../../ui/confirm';
import { useOutgoing } from '../composer/OutgoingMessages';
import { Avatar } from '../people/Avatar';
import { MessageReactions } from '../reactions/MessageReactions';
import { ReactButton } from '../reactions/ReactButton';
import { ReplyButton } from '../replies/ReplyButton';
import { ReplyQuote } from '../replies/ReplyQuote';
import { MessageBody } from './MessageBody';
import { MessageEditor } from './MessageEditor';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

interface MessageRowProps {
  id: string;
  roomId: string;
  seq: number | null;
  authorName: string;
  authorColor: string;
  body: string;
  createdAt: string;
  /** Set once the author has edited it. */
  editedAt: string | undefined;
  status: DeliveryStatus;
  errorCode: ApiErrorCode | null;
  language: string;
  /** The reader wrote it, owns the room or is an admin (and the server has it). */
  canDelete: boolean;
  /** The reader wrote it (and the server has it). */
  canEdit: boolean;
  editing: boolean;
  /** The reader, who edits their own messages (left out of @mention suggestions while editing). */
  readerId: string;
  onEdit: (messageId: string) => void;
  onEditDone: () => void;
  /** Absent when nobody has reacted (and on messages the server does not have yet). */
  reactions: readonly Reaction[] | undefined;
  /** What a reply quotes of the message it answers. */
  replyTo: QuotedMessage | undefined;
  /** Ids of the members it mentions, as the server worked them out; undefined until the server has it. */
  mentions?: readonly string[] | undefined;
}

/** Props are plain values, so a row re-renders only when what it shows changed. */
export const MessageRow = memo(function MessageRow(props: MessageRowProps) {
  const {
    id,
    roomId,
    seq,
    authorName,
    authorColor,
    body,
    createdAt,
    editedAt,
    status,
    errorCode,
    language,
    canDelete,
    canEdit,
    editing,
    readerId,
    onEdit,
    onEditDone,
    reactions,
    replyTo,
    mentions,
  } = props;
  const sent = status === 'sent';
  const { t } = useTranslation();
  return (
    <div
      className={`message message--${status}`}
      data-testid="message"
      data-message-id={id}
      data-seq={seq ?? ''}
      data-status={status}
    >
      <Avatar displayName={authorName} color={authorColor} />
      <div className="message__content">
        <div className="message__meta">
          <span className="message__author" data-testid="message-author">
            {authorName}
          </span>
          <time className="message__time" dateTime={createdAt} title={formatFullTime(createdAt, language)}>
            {formatMessageTime(createdAt, language)}
          </time>
          {editedAt ? (
            <span
              className="message__edited"
              data-testid="message-edited"
              title={formatFullTime(editedAt, language)}
            >
              {t('messages.edited')}
            </span>
          ) : null}
          {status === 'pending' ? <span className="message__state">{t('messages.sending')}</span> : null}
        </div>
        {replyTo ? <ReplyQuote roomId={roomId} quote={replyTo} /> : null}
        {editing ? (
          <MessageEditor roomId={roomId} messageId={id} body={body} readerId={readerId} onDone={onEditDone} />
        ) : (
          <MessageBody body={body} mentions={mentions} />
        )}
        {reactions && sent ? <MessageReactions roomId={roomId} messageId={id} reactions={reactions} /> : null}
        {status === 'failed' ? <FailedMessageActions id={id} errorCode={errorCode} /> : null}
      </div>
      {(canEdit && !editing) || canDelete || sent ? (
        <div className="message__actions">
          {sent ? <ReactButton roomId={roomId} messageId={id} reactions={reactions} /> : null}
          {sent ? <ReplyButton roomId={roomId} messageId={id} /> : null}
          {canEdit && !editing ? (
            <button
              type="button"
              className="button button--small button--quiet message__action"
              data-testid="message-edit"
              onClick={() => onEdit(id)}
            >
              {t('messages.edit')}
            </button>
          ) : null}
          {canDelete ? <DeleteMessageButton roomId={roomId} messageId={id} /> : null}
        </div>
      ) : null}
    </div>
  );
});

function DeleteMessageButton({ roomId, messageId }: { roomId: string; messageId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteMessage(roomId, messageId),
    onSuccess: () => deleteMessageFromHistory(queryClient, roomId, messageId),
  });
  return (
    <>
      <button
        type="button"
        className="button button--small button--quiet message__action"
        data-testid="message-delete"
        disabled={remove.isPending}
        onClick={() => {
          if (confirmAction(t('messages.deleteConfirm'))) remove.mutate();
        }}
      >
        {t('messages.delete')}
      </button>
      {remove.isError ? (
        <span className="form-error" role="alert">
          {t(errorMessageKey(remove.error))}
        </span>
      ) : null}
    </>
  );
}

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
