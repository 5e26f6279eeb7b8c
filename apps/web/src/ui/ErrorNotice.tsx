import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../i18n/errorMessage';

/**
 * A failed request, told in the reader's language (from the server's error code), with a retry
 * button when the caller can retry. Renders nothing while there is no error, so a query's or a
 * mutation's `error` can be passed as is.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="form-error" role="alert">
      {t(errorMessageKey(error))}
      {onRetry ? (
        <>
          {' '}
          <button type="button" className="button button--small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      ) : null}
    </p>
  );
}
