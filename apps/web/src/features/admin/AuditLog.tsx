import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { auditQuery } from '../../api/admin';
import { formatFullTime, formatMessageTime } from '../../i18n/formatTime';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** What admins and room owners did, newest first, a page at a time. */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const audit = useInfiniteQuery(auditQuery);
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.audit')}</h2>
      {audit.isPending ? <p>{t('app.loading')}</p> : null}
      <ErrorNotice error={audit.error} />
      {audit.isSuccess && entries.length === 0 ? <p className="muted">{t('admin.auditEmpty')}</p> : null}
      <ol className="rows">
        {entries.map((entry) => (
          <li key={entry.id} className="rows__item" data-testid="audit-entry" data-action={entry.action}>
            <div className="rows__text">
              <span className="rows__title">
                {t('admin.auditLine', { actor: entry.actor.displayName, action: t(`audit.${entry.action}`) })}
              </span>
              <span className="rows__meta">
                <time dateTime={entry.at} title={formatFullTime(entry.at, i18n.language)}>
                  {formatMessageTime(entry.at, i18n.language)}
                </time>
                {Object.entries(entry.details).map(([key, value]) => (
                  <span key={key}>
                    {' · '}
                    {key}: {value}
                  </span>
                ))}
              </span>
            </div>
          </li>
        ))}
      </ol>
      {audit.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {audit.isFetchingNextPage ? t('app.loading') : t('admin.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
