import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { User } from '@parley/protocol';
import { lastMessageBy } from '../../api/messageCache';
import { roomHistoryQuery } from '../../api/messages';
import { roomsQuery } from '../../api/rooms';
import { errorMessageKey } from '../../i18n/errorMessage';
import { ROUTES } from '../../routes';
import { Composer } from '../composer/Composer';
import { TypingIndicator } from '../composer/TypingIndicator';
import { MessageList } from '../messages/MessageList';
import { ReplyTargetProvider } from '../replies/ReplyTarget';
import { MarkRead } from '../unread/MarkRead';
import { useFirstUnread } from '../unread/useFirstUnread';
import { saveLastRoom } from '../workspace/lastRoom';
import { MembersPanel } from './MembersPanel';
import { RoomHeader } from './RoomHeader';

interface RoomScreenProps {
  roomId: string;
  user: User;
}

/** One room (mounted per room, so scroll position, panels and drafts never leak between rooms). */
export function RoomScreen({ roomId, user }: RoomScreenProps) {
  const { t } = useTranslation();
  const rooms = useQuery(roomsQuery);
  const room = rooms.data?.find((candidate) => candidate.id === roomId);
  const [membersOpen, setMembersOpen] = useState(false);
  const membersId = useId();
  const queryClient = useQueryClient();
  // The one message being edited in place, if any; Up in the composer and a row's button start it.
  const [editingId, setEditingId] = useState<string | null>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const conversationRef = useRef<HTMLDivElement>(null);
  const firstUnreadSeq = useFirstUnread(roomId, room, user.id);
  const stopEditing = useCallback(() => {
    setEditingId(null);
    composerRef.current?.focus();
  }, []);
  const editLast = () => {
    const history = queryClient.getQueryData(roomHistoryQuery(roomId).queryKey);
    const last = lastMessageBy(history, user.id);
    if (last) setEditingId(last.id);
  };
  // Whether this room was on screen: if it then leaves the reader's list, they were removed (or
  // left in another tab), which is said in place of the room rather than "not found".
  const [wasOpen, setWasOpen] = useState(false);
  if (room && !wasOpen) setWasOpen(true);

  useEffect(() => {
    if (room) saveLastRoom(user.id, room.id);
  }, [room, user.id]);

  if (room) {
    return (
      <section className="room" aria-label={t('room.region')}>
        <RoomHeader
          room={room}
          user={user}
          membersOpen={membersOpen}
          membersPanelId={membersId}
          onToggleMembers={() => setMembersOpen((open) => !open)}
        />
        <div className="room__body">
          <div className="room__conversation" ref={conversationRef}>
            <MarkRead room={room} conversation={conversationRef} />
            <ReplyTargetProvider>
              <MessageList
                room={room}
                user={user}
                firstUnreadSeq={firstUnreadSeq}
                editingId={editingId}
                onEdit={setEditingId}
                onEditDone={stopEditing}
              />
              <TypingIndicator roomId={room.id} userId={user.id} />
              <Composer room={room} user={user} inputRef={composerRef} onEditLast={editLast} />
            </ReplyTargetProvider>
          </div>
          {membersOpen ? (
            <MembersPanel id={membersId} room={room} user={user} onClose={() => setMembersOpen(false)} />
          ) : null}
        </div>
      </section>
    );
  }

  const home = (
    <Link href={ROUTES.home} className="button button--small">
      {t('room.goHome')}
    </Link>
  );
  if (wasOpen) {
    return (
      <div className="workspace__notice" data-testid="room-removed-notice" role="alert">
        <p>{t('room.removed')}</p>
        {home}
      </div>
    );
  }
  if (rooms.isError) {
    return (
      <div className="workspace__notice" role="alert">
        <p>
          {t('room.loadFailed')} {t(errorMessageKey(rooms.error))}
        </p>
        <button type="button" className="button button--small" onClick={() => void rooms.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (rooms.isPending) return <p className="workspace__notice">{t('app.loading')}</p>;
  return (
    <div className="workspace__notice" role="alert">
      <p>{t('room.notFound')}</p>
      {home}
    </div>
  );
}
