import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from 'wouter';
import { ApiError } from './api/ApiError';
import { currentUserQuery } from './api/session';
import { AuthScreen } from './features/auth/AuthScreen';
import { ConnectionStatus } from './features/rooms/ConnectionStatus';
import { SignedInApp } from './features/workspace/SignedInApp';
import { errorMessageKey } from './i18n/errorMessage';
import { ROUTES } from './routes';

/** Signed in or not decides everything else; the stream opens only inside SignedInApp. */
export function App() {
  const { t } = useTranslation();
  const me = useQuery(currentUserQuery);
  const [, invite] = useRoute(ROUTES.invitePattern);
  const { refetch } = me;
  const waiting = me.data === undefined && me.isError;

  // Back online after a start without the network: try again without waiting for a click.
  useEffect(() => {
    if (!waiting) return;
    const retry = () => void refetch();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [waiting, refetch]);

  // Only the first answer decides between screens: a later failed refetch keeps the app as it is.
  if (me.data === undefined) {
    // Offline, or the server is down (the shell may have come from the service worker): say so
    // from the first failed attempt, while the query keeps retrying, rather than "Loading…".
    const problem = me.error ?? me.failureReason;
    const unreachable =
      me.fetchStatus === 'paused' || (problem instanceof ApiError && problem.code === 'network');
    if (unreachable) {
      return (
        <div className="splash">
          <ConnectionStatus status="offline" />
          <p>{t('app.offline')}</p>
          {me.isError ? (
            <button type="button" className="button" onClick={() => void me.refetch()}>
              {t('common.retry')}
            </button>
          ) : null}
        </div>
      );
    }
    if (!me.isError) return <p className="splash">{t('app.loading')}</p>;
    return (
      <div className="splash" role="alert">
        <p>{t(errorMessageKey(me.error))}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (me.data) return <SignedInApp user={me.data} />;
  const inviteToken = invite ? decodeParam(invite.token) : null;
  // Keyed by the token, so following another invite link starts the form afresh.
  return <AuthScreen key={inviteToken ?? ''} inviteToken={inviteToken} />;
}

/** The router decodes a path only partly (decodeURI keeps `%2F` and the like); finish the job. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
