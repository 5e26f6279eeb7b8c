import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@parley/protocol';
import { revokeSession, sessionsQuery, signOutOtherSessions } from '../../api/account';
import { queryKeys } from '../../api/keys';
import { formatFullTime, formatMessageTime } from '../../i18n/formatTime';
import { confirmAction } from '../../ui/confirm';
import { summarizeUserAgent } from './userAgent';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Where the reader is signed in; any other session can be ended from here. */
export function SessionsList() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const sessions = useQuery(sessionsQuery);
  const keep = (filter: (session: SessionInfo) => boolean) => {
    queryClient.setQueryData<SessionInfo[]>(queryKeys.sessions(), (list) => list?.filter(filter));
    void queryClient.invalidateQueries({ queryKey: queryKeys.sessions() });
  };
  const revoke = useMutation({
    mutationFn: revokeSession,
    onSuccess: (_nothing, sessionId) => keep((session) => session.id !== sessionId),
  });
  const signOutOthers = useMutation({
    mutationFn: signOutOtherSessions,
    onSuccess: () => keep((session) => session.current),
  });

  const describe = (session: SessionInfo) => {
    const { browser, system } = summarizeUserAgent(session.userAgent);
    if (browser && system) return t('sessions.browserOn', { browser, system });
    return browser ?? system ?? (session.userAgent || t('sessions.unknownDevice'));
  };
  const time = (iso: string) => (
    <time dateTime={iso} title={formatFullTime(iso, i18n.language)}>
      {formatMessageTime(iso, i18n.language)}
    </time>
  );
  const others = (sessions.data ?? []).filter((session) => !session.current);
  const failure = revoke.error ?? signOutOthers.error;

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('sessions.title')}</h2>
      {sessions.isPending ? <p>{t('app.loading')}</p> : null}
      <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
      <ul className="rows" data-testid="sessions-list">
        {(sessions.data ?? []).map((session) => (
          <li
            key={session.id}
            className="rows__item"
            data-testid="session-row"
            data-current={session.current ? 'true' : 'false'}
          >
            <div className="rows__text">
              <span className="rows__title" title={session.userAgent}>
                {describe(session)}
                {session.current ? <span className="badge">{t('sessions.current')}</span> : null}
              </span>
              <span className="rows__meta">
                {t('sessions.signedIn')} {time(session.createdAt)} · {t('sessions.lastSeen')}{' '}
                {time(session.lastSeenAt)}
              </span>
            </div>
            {session.current ? null : (
              <button
                type="button"
                className="button button--small"
                data-testid="session-revoke"
                disabled={revoke.isPending}
                onClick={() => {
                  if (confirmAction(t('sessions.revokeConfirm', { device: describe(session) }))) {
                    revoke.mutate(session.id);
                  }
                }}
              >
                {t('sessions.revoke')}
                <span className="visually-hidden"> {describe(session)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={failure} />
      <div className="page__actions">
        <button
          type="button"
          className="button"
          data-testid="sign-out-others"
          disabled={others.length === 0 || signOutOthers.isPending}
          onClick={() => {
            if (confirmAction(t('sessions.signOutOthersConfirm'))) signOutOthers.mutate();
          }}
        >
          {t('sessions.signOutOthers')}
        </button>
      </div>
    </section>
  );
}
