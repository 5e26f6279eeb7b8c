import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room, User } from '@parley/protocol';
import { timelineOf } from '../../api/messageCache';
import { roomHistoryQuery } from '../../api/messages';
import { errorMessageKey } from '../../i18n/errorMessage';
import { useUnconfirmedMessages } from '../composer/OutgoingMessages';
import { canDeleteMessage } from '../rooms/permissions';
import { roomLabel } from '../rooms/roomNames';
import { NewMessagesDivider } from '../unread/NewMessagesDivider';
import { MessageRow } from './MessageRow';
import { NewMessageAnnouncer } from './NewMessageAnnouncer';
import { useMessageLink } from './useMessageLink';
import { useTimelineScroll } from './useTimelineScroll';

interface MessageListProps {
  room: Room;
  user: User;
  /** The seq of the message the "new messages" divider goes above; null for none. */
  firstUnreadSeq: number | null;
  /** The message being edited in place. */
  editingId: string | null;
  onEdit: (messageId: string) => void;
  onEditDone: () => void;
}

export function MessageList({ room, user, firstUnreadSeq, editingId, onEdit, onEditDone }: MessageListProps) {
  const { t, i18n } = useTranslation();
  const history = useInfiniteQuery(roomHistoryQuery(room.id));
  const unconfirmed = useUnconfirmedMessages(room.id);
  const items = useMemo(() => timelineOf(history.data, unconfirmed), [history.data, unconfirmed]);
  const label = roomLabel(room, i18n.language, t('rooms.dmAlone'));

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = history;
  // After a failed page, wait for the reader to ask again rather than retrying on every scroll event.
  const canLoadOlder = hasNextPage && !isFetchingNextPage && !isFetchNextPageError;
  const loadOlder = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const { listRef, startRef, virtualizer, onScroll, onFocus, onBlur, hasUnseen, jumpToNewest } =
    useTimelineScroll({ roomId: room.id, items, canLoadOlder, loadOlder, editingId });
  const rowsTop = virtualizer.options.scrollMargin;
  const linkProblem = useMessageLink(room.id, history.isSuccess);

  return (
    <div className="timeline">
      <div
        ref={listRef}
        className="message-list"
        data-testid="message-list"
        role="log"
        // New messages are announced in batches by NewMessageAnnouncer instead, one by one is too much.
        aria-live="off"
        aria-label={t('messages.label', { room: label })}
        // Focusable so keyboard users can scroll the history.
        tabIndex={0}
        onScroll={onScroll}
      >
        <div className="message-list__start" ref={startRef}>
          {history.isPending ? <p>{t('app.loading')}</p> : null}
          {history.isError && !history.data ? (
            <p role="alert">
              {t(errorMessageKey(history.error))}{' '}
              <button type="button" className="button button--small" onClick={() => void history.refetch()}>
                {t('messages.retry')}
              </button>
            </p>
          ) : null}
          {isFetchingNextPage ? <p>{t('messages.loadingOlder')}</p> : null}
          {isFetchNextPageError ? (
            <p role="alert">
              {t('messages.loadFailed')}{' '}
              <button type="button" className="button button--small" onClick={loadOlder}>
                {t('messages.retry')}
              </button>
            </p>
          ) : null}
          {history.isSuccess && !hasNextPage ? (
            <p>{items.length === 0 ? t('messages.empty') : t('messages.beginning', { room: label })}</p>
          ) : null}
        </div>
        {/* Only the rows near the screen are mounted; the list is as tall as all of them would be. */}
        <ol
          className="message-list__items"
          style={{ height: virtualizer.getTotalSize() }}
          onFocus={onFocus}
          onBlur={onBlur}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const { kind, message } = item;
            return (
              <li
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                className="message-list__row"
                style={{ transform: `translateY(${row.start - rowsTop}px)` }}
              >
                {kind === 'confirmed' && message.seq === firstUnreadSeq ? <NewMessagesDivider /> : null}
                <MessageRow
                  id={message.id}
                  seq={kind === 'confirmed' ? message.seq : null}
                  roomId={room.id}
                  authorName={message.author.displayName}
                  authorColor={message.author.avatarColor}
                  body={message.body}
                  createdAt={message.createdAt}
                  editedAt={kind === 'confirmed' ? message.editedAt : undefined}
                  status={kind === 'confirmed' ? 'sent' : message.status}
                  errorCode={kind === 'confirmed' ? null : message.errorCode}
                  language={i18n.language}
                  canDelete={kind === 'confirmed' && canDeleteMessage(room, user, message.author.id)}
                  canEdit={kind === 'confirmed' && message.author.id === user.id}
                  editing={message.id === editingId}
                  readerId={user.id}
                  onEdit={onEdit}
                  onEditDone={onEditDone}
                  reactions={kind === 'confirmed' ? message.reactions : undefined}
                  replyTo={message.replyTo}
                  mentions={kind === 'confirmed' ? message.mentions : undefined}
                />
              </li>
            );
          })}
        </ol>
      </div>
      {linkProblem ? (
        <p
          className="timeline__notice"
          role="status"
          data-testid={linkProblem.kind === 'missing' ? 'message-link-missing' : 'message-link-failed'}
        >
          {linkProblem.kind === 'missing' ? t('messages.linkMissing') : t(errorMessageKey(linkProblem.error))}
        </p>
      ) : null}
      <NewMessageAnnouncer items={items} readerId={user.id} loaded={history.isSuccess} />
      {hasUnseen ? (
        <button type="button" className="button button--primary timeline__jump" onClick={jumpToNewest}>
          {t('messages.jumpToNew')}
          <span aria-hidden="true"> ↓</span>
        </button>
      ) : null}
    </div>
  );
}
