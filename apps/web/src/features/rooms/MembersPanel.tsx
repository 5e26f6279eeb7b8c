import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Room, User } from '@parley/protocol';
import { membersQuery, memberRemoved, removeRoomMember } from '../../api/rooms';
import { confirmAction } from '../../ui/confirm';
import { Avatar } from '../people/Avatar';
import { PresenceDot } from '../people/PresenceDot';
import { AddMember } from './AddMember';
import { canAddMembers, canRemoveMember } from './permissions';
import { roomLabel } from './roomNames';
import { ErrorNotice } from '../../ui/ErrorNotice';

interface MembersPanelProps {
  id: string;
  room: Room;
  user: User;
  onClose: () => void;
}

/** A row's height before it is measured: the avatar and two lines of names. */
const ESTIMATED_ROW_PX = 44;
/** Rows kept mounted above and below the visible ones, so that a quick scroll shows no gap. */
const OVERSCAN_ROWS = 8;

/**
 * Who is in the room, live; owners and admins remove people here, and members add them. A room can
 * have thousands of members (everyone is in #general), so only the rows in view are mounted.
 */
export function MembersPanel({ id, room, user, onClose }: MembersPanelProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery(room.id));
  const remove = useMutation({
    mutationFn: (userId: string) => removeRoomMember(room.id, userId),
    onSuccess: (_nothing, userId) => memberRemoved(queryClient, room.id, userId),
  });

  const sorted = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base' });
    const rank = (member: Member) => (member.role === 'owner' ? 0 : 1);
    return [...(members.data ?? [])].sort(
      (a, b) => rank(a) - rank(b) || collator.compare(a.person.displayName, b.person.displayName),
    );
  }, [members.data, i18n.language]);

  const listRef = useRef<HTMLDivElement>(null);
  // No React Compiler here: the virtualiser re-renders this component itself when rows move.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => sorted[index]?.person.id ?? index,
    overscan: OVERSCAN_ROWS,
  });

  const label = roomLabel(room, i18n.language);
  const ask = (member: Member) => {
    const question = t('members.removeConfirm', { name: member.person.displayName, room: label });
    if (confirmAction(question)) remove.mutate(member.person.id);
  };

  return (
    <aside id={id} className="members-panel" data-testid="members-panel" aria-labelledby={`${id}-title`}>
      <header className="members-panel__header">
        <h2 id={`${id}-title`} className="members-panel__title">
          {t('members.title', { count: members.data?.length ?? room.memberCount })}
        </h2>
        <button
          type="button"
          className="button button--quiet button--icon"
          aria-label={t('members.close')}
          onClick={onClose}
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>
      {canAddMembers(room, user) ? <AddMember room={room} user={user} members={members.data} /> : null}
      {members.isPending ? <p className="members-panel__note">{t('app.loading')}</p> : null}
      <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />
      <ErrorNotice error={remove.error} />
      {/* Focusable, so that the list scrolls from the keyboard even when no row has a button. */}
      <div
        ref={listRef}
        className="members-panel__scroller"
        data-testid="members-list"
        tabIndex={0}
        role="region"
        aria-label={t('members.title', { count: sorted.length })}
      >
        <ul className="members-panel__list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map(({ index, key, start }) => {
            const member = sorted[index];
            if (!member) return null;
            return (
              <li
                key={key}
                ref={virtualizer.measureElement}
                data-index={index}
                aria-setsize={sorted.length}
                aria-posinset={index + 1}
                style={{ transform: `translateY(${start}px)` }}
                className="member"
                data-testid="member"
                data-username={member.person.username}
                data-role={member.role}
              >
                <Avatar
                  displayName={member.person.displayName}
                  color={member.person.avatarColor}
                  size="small"
                />
                <PresenceDot userId={member.person.id} />
                <span className="member__names">
                  <span className="member__name">
                    {member.person.displayName}
                    {member.person.id === user.id ? ` ${t('members.you')}` : ''}
                  </span>
                  <span className="member__username">@{member.person.username}</span>
                </span>
                {member.role === 'owner' ? <span className="badge">{t('members.owner')}</span> : null}
                {canRemoveMember(room, user, member.person.id) ? (
                  <button
                    type="button"
                    className="button button--small button--quiet member__remove"
                    data-testid="member-remove"
                    disabled={remove.isPending && remove.variables === member.person.id}
                    onClick={() => ask(member)}
                  >
                    {t('members.remove')}
                    <span className="visually-hidden"> {member.person.displayName}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </aside>
  );
}
