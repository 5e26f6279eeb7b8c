import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationPermission } from './permission';

/**
 * Asks for permission to notify, only when the reader clicks (browsers distrust, and people dislike,
 * a prompt on load). Gone once they have answered either way.
 */
export function NotificationPrompt() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(notificationPermission);
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="button button--small"
      data-testid="enable-notifications"
      onClick={() => {
        void Notification.requestPermission().then(setPermission, () =>
          setPermission(notificationPermission()),
        );
      }}
    >
      {t('notifications.enable')}
    </button>
  );
}
