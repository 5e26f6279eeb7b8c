import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../../live/LiveConnection';

export function ConnectionStatus({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`connection connection--${status}`}
      data-testid="connection-status"
      data-state={status}
      role="status"
    >
      <span className="connection__dot" aria-hidden="true" />
      {t(`connection.${status}`)}
    </span>
  );
}
