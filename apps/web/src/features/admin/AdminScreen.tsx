import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { User } from '@parley/protocol';
import { ROUTES } from '../../routes';
import { AuditLog } from './AuditLog';
import { Invites } from './Invites';
import { LiveStats } from './LiveStats';
import { SignUpMode } from './SignUpMode';
import { Users } from './Users';

/** `/admin`: people, invites, the audit log and who may sign up. Loaded only when an admin opens it. */
export default function AdminScreen({ user }: { user: User }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="page" data-testid="admin-view" aria-labelledby="admin-title">
      <header className="page__header">
        <h1 id="admin-title" className="page__title" ref={heading} tabIndex={-1}>
          {t('admin.title')}
        </h1>
        <button
          type="button"
          className="button"
          data-testid="admin-close"
          onClick={() => navigate(ROUTES.home)}
        >
          {t('common.close')}
        </button>
      </header>
      <LiveStats />
      <SignUpMode />
      <Invites />
      <Users user={user} />
      <AuditLog />
    </section>
  );
}
