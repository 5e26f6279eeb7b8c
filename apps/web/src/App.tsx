import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentUserQuery } from './api/session';
import { AuthScreen } from './features/auth/AuthScreen';
import { SignedInApp } from './features/rooms/SignedInApp';
import { errorMessageKey } from './i18n/errorMessage';

/** Signed in or not decides everything else; the stream opens only inside SignedInApp. */
export function App() {
  const { t } = useTranslation();
  const me = useQuery(currentUserQuery);

  // Only the first answer decides between screens: a later failed refetch keeps the app as it is.
  if (me.data === undefined) {
    if (!me.isError) return <p className="splash">{t('app.loading')}</p>;
    return (
      <div className="splash" role="alert">
        <p>{t(errorMessageKey(me.error))}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('room.retry')}
        </button>
      </div>
    );
  }
  return me.data ? <SignedInApp user={me.data} /> : <AuthScreen />;
}
