import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { User } from '@parley/protocol';
import { ROUTES } from '../../routes';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { SessionsList } from './SessionsList';

/** `/settings`: the reader's profile, password and signed-in sessions. Loaded only when opened. */
export default function SettingsScreen({ user }: { user: User }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  // A new screen: start reading (and tabbing) at its title.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="page" data-testid="settings-view" aria-labelledby="settings-title">
      <header className="page__header">
        <h1 id="settings-title" className="page__title" ref={heading} tabIndex={-1}>
          {t('settings.title')}
        </h1>
        <button
          type="button"
          className="button"
          data-testid="settings-close"
          onClick={() => navigate(ROUTES.home)}
        >
          {t('common.close')}
        </button>
      </header>
      <ProfileForm user={user} />
      <PasswordForm username={user.username} />
      <SessionsList />
    </section>
  );
}
