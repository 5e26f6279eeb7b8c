import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminStats } from '@parley/protocol';
import { adminStatsQuery } from '../../api/admin';
import { statsRates } from './statsRates';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** This instance's open streams and event rates, polled every two seconds while the page is open. */
export function LiveStats() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const stats = useQuery(adminStatsQuery);
  // The poll before the one shown, to turn the cumulative counters into rates.
  const [polls, setPolls] = useState<{ previous: AdminStats | null; current: AdminStats | null }>({
    previous: null,
    current: null,
  });
  if (stats.data !== undefined && stats.data !== polls.current) {
    setPolls({ previous: polls.current, current: stats.data });
  }
  const rates = polls.current ? statsRates(polls.previous, polls.current) : null;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const rate = (value: number | undefined) =>
    value === undefined ? '—' : t('admin.stats.perSecond', { rate: number.format(value) });

  return (
    <section className="page__section" data-testid="admin-stats" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.stats.title')}</h2>
      <dl className="stats">
        <div className="stats__item">
          <dt>{t('admin.stats.openStreams')}</dt>
          <dd data-testid="admin-stats-streams">
            {stats.data ? number.format(stats.data.openStreams) : '—'}
          </dd>
        </div>
        <div className="stats__item">
          <dt>{t('admin.stats.eventsRate')}</dt>
          <dd data-testid="admin-stats-events-rate">{rate(rates?.eventsPerSecond)}</dd>
        </div>
        <div className="stats__item">
          <dt>{t('admin.stats.deliveriesRate')}</dt>
          <dd data-testid="admin-stats-deliveries-rate">{rate(rates?.deliveriesPerSecond)}</dd>
        </div>
      </dl>
      <ErrorNotice error={stats.error} />
    </section>
  );
}
