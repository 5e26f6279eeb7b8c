import { useTranslation } from 'react-i18next';
import type { UnreadTotals } from './unreadTotals';

/** A sidebar item's unread count, and apart from it the mentions among them. */
export function UnreadBadge({ counts, muted }: { counts: UnreadTotals; muted: boolean }) {
  const { t } = useTranslation();
  if (counts.unread === 0) return null;
  return (
    <span className="unread">
      {counts.mentions > 0 ? (
        <span className="unread__mentions" data-testid="sidebar-mentions" data-count={counts.mentions}>
          <span aria-hidden="true">@{counts.mentions}</span>
          <span className="visually-hidden">{t('unread.mentions', { count: counts.mentions })}</span>
        </span>
      ) : null}
      <span
        className={muted ? 'unread__count unread__count--muted' : 'unread__count'}
        data-testid="sidebar-unread"
        data-count={counts.unread}
      >
        <span aria-hidden="true">{counts.unread}</span>
        <span className="visually-hidden">{t('unread.messages', { count: counts.unread })}</span>
      </span>
    </span>
  );
}
