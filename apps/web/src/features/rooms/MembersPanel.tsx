import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, MembersResponse, Room, User } from '@parley/protocol';
import { memberPagesQuery, memberRemoved, memberSearchQuery, removeRoomMember } from '../../api/rooms';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
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

/** Members shown for a search in the panel: enough to find someone, refine the search for more. */
const SEARCH_LIMIT = 50;
/** Start fetching the next page when the rows in view come this close to the end of those loaded. */
const PREFETCH_ROWS = 20;

/**
 * Who is in the room, live; owners and admins remove people here, and members add them. A room can
 * have thousands of members (everyone is in #general), so the list comes a page at a time as it
 * scrolls, only the rows in view are mounted, and a search field asks the server.
 */
export function MembersPanel({ id, room, user, onClose }: MembersPanelProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim(), 150);
  const searching = settled !== '';
  const pages = useInfiniteQuery(memberPagesQuery(room.id));
  const found = useQuery({ ...memberSearchQuery(room.id, settled, SEARCH_LIMIT), enabled: searching });
  const remove = useMutation({
    mutationFn: (userId: string) => removeRoomMember(room.id, userId),
    onSuccess: (_nothing, userId) => memberRemoved(queryClient, room.id, userId),
  });

  const loaded = useMemo(() => uniqueMembers(pages.data?.pages ?? []), [pages.data]);
  const shown = searching ? (found.data ?? []) : loaded;
  const current = searching ? found : pages;

  const listRef = useRef<HTMLDivElement>(null);
  // No React Compiler here: the virtualiser re-renders this component itself when rows move.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => shown[index]?.person.id ?? index,
    overscan: OVERSCAN_ROWS,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRow = rows.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (!searching && hasNextPage && !isFetchingNextPage && lastRow >= loaded.length - PREFETCH_ROWS) {
      void fetchNextPage();
    }
  }, [searching, hasNextPage, isFetchingNextPage, fetchNextPage, lastRow, loaded.length]);

  const label = roomLabel(room, i18n.language);
  const ask = (member: Member) => {
    const question = t('members.removeConfirm', { name: member.person.displayName, room: label });
    if (confirmAction(question)) remove.mutate(member.person.id);
  };
  const setSize = searching ? shown.length : Math.max(room.memberCount, shown.length);

  return (
    <aside id={id} className="members-panel" data-testid="members-panel" aria-labelledby={`${id}-title`}>
      <header className="members-panel__header">
        <h2 id={`${id}-title`} className="members-panel__title">
          {t('members.title', { count: room.memberCount })}
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
      {canAddMembers(room, user) ? <AddMember room={room} /> : null}
      <label htmlFor={`${id}-search`} className="visually-hidden">
        {t('members.search')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        className="members-panel__search"
        data-testid="members-search"
        value={search}
        placeholder={t('members.search')}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setSearch(event.target.value)}
      />
      {current.isPending ? <p className="members-panel__note">{t('app.loading')}</p> : null}
      {searching && found.isSuccess && shown.length === 0 ? (
        <p className="members-panel__note" role="status">
          {t('members.noMatches')}
        </p>
      ) : null}
      <ErrorNotice error={current.error} onRetry={() => void current.refetch()} />
      <ErrorNotice error={remove.error} />
      {/* Focusable, so that the list scrolls from the keyboard even when no row has a button. */}
      <div
        ref={listRef}
        className="members-panel__scroller"
        data-testid="members-list"
        tabIndex={0}
        role="region"
        aria-label={t('members.title', { count: room.memberCount })}
        aria-busy={isFetchingNextPage}
      >
        <ul className="members-panel__list" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map(({ index, key, start }) => {
            const member = shown[index];
            if (!member) return null;
            return (
              <li
                key={key}
                ref={virtualizer.measureElement}
                data-index={index}
                aria-setsize={setSize}
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

/**
 * The loaded pages as one list. Someone who joined between two pages' fetches can come in both (the
 * list is refetched after a join); they are shown once.
 */
function uniqueMembers(pages: readonly MembersResponse[]): Member[] {
  const seen = new Set<string>();
  const members: Member[] = [];
  for (const page of pages) {
    for (const member of page.members) {
      if (seen.has(member.person.id)) continue;
      seen.add(member.person.id);
      members.push(member);
    }
  }
  return members;
}
