import { useTranslation } from 'react-i18next';

/** Marks where the messages the reader had not read begin, in the list of messages. */
export function NewMessagesDivider() {
  const { t } = useTranslation();
  return (
    <div className="new-messages-divider" data-testid="new-messages-divider">
      <span>{t('unread.divider')}</span>
    </div>
  );
}
