import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'wouter';
import { LIMITS, type Person } from '@parley/protocol';
import { peopleQuery } from '../../api/people';
import { roomsQuery } from '../../api/rooms';
import { searchQuery, type SearchParams } from '../../api/search';
import { formatFullTime, formatMessageTime } from '../../i18n/formatTime';
import { ROUTES, SEARCH_PARAMS } from '../../routes';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { roomLabel, sidebarGroups } from '../rooms/roomNames';
import { AuthorFilter } from './AuthorFilter';
import { SEARCH_INPUT_ID } from './searchInput';
import { snippetSegments } from './snippet';

/**
 * `/search`: messages of the reader's rooms matching the words typed, newest first, with a room and
 * an author filter. The query and the filters live in the address, so Back from a result returns to
 * the same results. Loaded only when opened.
 */
export default function SearchScreen() {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const [params, setParams] = useSearchParams();
  const id = useId();
  const inputId = SEARCH_INPUT_ID;
  const input = useRef<HTMLInputElement>(null);
  // The search field is where this screen starts: the shortcut and the app bar lead here to type.
  useEffect(() => input.current?.focus(), []);

  const q = params.get(SEARCH_PARAMS.query) ?? '';
  const roomId = params.get(SEARCH_PARAMS.room) ?? '';
  const from = params.get(SEARCH_PARAMS.from) ?? '';
  const [draft, setDraft] = useState(q);
  const settled = useDebouncedValue(draft, 300);
  const setParam = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  // Typing settles into the address, which is what is searched.
  useEffect(() => {
    if (settled !== q) setParam(SEARCH_PARAMS.query, settled);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled change writes the address
  }, [settled]);

  const rooms = useQuery(roomsQuery);
  const orderedRooms = useMemo(() => {
    const groups = sidebarGroups(rooms.data ?? [], i18n.language);
    return [...groups.rooms, ...groups.dms];
  }, [rooms.data, i18n.language]);
  const labels = useMemo(
    () => new Map(orderedRooms.map((room) => [room.id, roomLabel(room, i18n.language, t('rooms.dmAlone'))])),
    [orderedRooms, i18n.language, t],
  );

  // The author is named by username in the address; look them up to search by id.
  const [picked, setPicked] = useState<Person | null>(null);
  const fromLookup = useQuery({ ...peopleQuery(from), enabled: from !== '' && picked?.username !== from });
  const author =
    from === ''
      ? null
      : picked?.username === from
        ? picked
        : (fromLookup.data?.find((p) => p.username === from) ?? null);
  const unknownAuthor = from !== '' && author === null && fromLookup.isSuccess;

  const words = q.trim();
  const request: SearchParams = {
    q: words.slice(0, LIMITS.searchQueryMax),
    ...(roomId !== '' && labels.has(roomId) && { roomId }),
    ...(author && { authorId: author.id }),
  };
  const results = useInfiniteQuery({
    ...searchQuery(request),
    enabled: words !== '' && (from === '' || author !== null) && (roomId === '' || rooms.isSuccess),
  });
  const hits = useMemo(() => results.data?.pages.flatMap((page) => page.hits) ?? [], [results.data]);
  const lastPage = results.data?.pages.at(-1);

  // Words under three characters are searched a window at a time; keep reading windows until a
  // page's worth of hits is on screen or the history ends, so "no results" is never premature.
  const { hasNextPage, isFetching, fetchNextPage } = results;
  const keepReading =
    lastPage !== undefined &&
    lastPage.hits.length < LIMITS.searchPageDefault &&
    hits.length < LIMITS.searchPageDefault;
  useEffect(() => {
    if (keepReading && hasNextPage && !isFetching) void fetchNextPage();
  }, [keepReading, hasNextPage, isFetching, fetchNextPage]);

  const searching = words !== '' && (results.isPending || (isFetching && hits.length === 0));
  const finished = results.isSuccess && !hasNextPage && !isFetching;

  return (
    <section className="page search" data-testid="search-view" aria-labelledby={`${id}-title`}>
      <header className="page__header">
        <h1 id={`${id}-title`} className="page__title">
          {t('search.title')}
        </h1>
        <button
          type="button"
          className="button"
          data-testid="search-close"
          onClick={() => navigate(ROUTES.home)}
        >
          {t('common.close')}
        </button>
      </header>
      <form
        role="search"
        className="search__form"
        onSubmit={(event) => {
          event.preventDefault();
          setParam(SEARCH_PARAMS.query, draft);
        }}
      >
        <div className="search__query">
          <label htmlFor={inputId} className="field__label">
            {t('search.label')}
          </label>
          <input
            id={inputId}
            ref={input}
            type="search"
            data-testid="search-input"
            value={draft}
            maxLength={LIMITS.searchQueryMax}
            placeholder={t('search.placeholder')}
            autoComplete="off"
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <div className="search-filter">
          <label htmlFor={`${id}-room`} className="field__label">
            {t('search.in')}
          </label>
          <select
            id={`${id}-room`}
            data-testid="search-room"
            value={labels.has(roomId) ? roomId : ''}
            onChange={(event) => setParam(SEARCH_PARAMS.room, event.target.value)}
          >
            <option value="">{t('search.allRooms')}</option>
            {orderedRooms.map((room) => (
              <option key={room.id} value={room.id}>
                {labels.get(room.id)}
              </option>
            ))}
          </select>
        </div>
        <AuthorFilter
          author={author}
          pendingUsername={from !== '' && author === null ? from : null}
          onChange={(person) => {
            setPicked(person);
            setParam(SEARCH_PARAMS.from, person?.username ?? '');
          }}
        />
      </form>

      <p className="search__status" role="status" data-testid="search-status">
        {words === ''
          ? t('search.hint')
          : unknownAuthor
            ? t('search.unknownAuthor', { username: from })
            : searching
              ? t('search.searching')
              : finished && hits.length === 0
                ? t('search.none')
                : results.isSuccess
                  ? t('search.count', { count: hits.length, more: hasNextPage ? '+' : '' })
                  : ''}
      </p>
      <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />

      {words !== '' && hits.length > 0 ? (
        <ol className="search__results" aria-label={t('search.results')}>
          {hits.map(({ message, highlights }) => (
            <li key={message.id}>
              <Link
                href={ROUTES.message(message.roomId, message.id)}
                className="search-hit"
                data-testid="search-hit"
                data-message-id={message.id}
                data-room-id={message.roomId}
              >
                <span className="search-hit__meta">
                  <span className="search-hit__room">{labels.get(message.roomId) ?? ''}</span>
                  <span className="search-hit__author">{message.author.displayName}</span>
                  <time dateTime={message.createdAt} title={formatFullTime(message.createdAt, i18n.language)}>
                    {formatMessageTime(message.createdAt, i18n.language)}
                  </time>
                </span>
                <span className="search-hit__text" data-testid="search-hit-text">
                  {snippetSegments(message.body, highlights).map((segment, index) =>
                    segment.marked ? <mark key={index}>{segment.text}</mark> : segment.text,
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      ) : null}
      {words !== '' && hasNextPage && !keepReading ? (
        <button
          type="button"
          className="button search__more"
          data-testid="search-more"
          disabled={results.isFetchingNextPage}
          onClick={() => void fetchNextPage()}
        >
          {results.isFetchingNextPage ? t('search.searching') : t('search.more')}
        </button>
      ) : null}
    </section>
  );
}
