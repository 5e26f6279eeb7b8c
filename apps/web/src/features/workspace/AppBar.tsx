import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { User } from '@parley/protocol';
import { endSession, signOut } from '../../api/session';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import type { LiveStatus } from '../../live/LiveConnection';
import { ROUTES } from '../../routes';
import { NotificationPrompt } from '../notifications/NotificationPrompt';
import { Avatar } from '../people/Avatar';
import { ConnectionStatus } from '../rooms/ConnectionStatus';
import { SIDEBAR_ID } from '../rooms/Sidebar';

interface AppBarProps {
  user: User;
  status: LiveStatus;
  sidebarOpen: boolean;
  onToggleSidebar: () => void;
  onShowShortcuts: () => void;
}

/** Always on screen: the connection status, who is signed in, and the way to settings and out. */
export function AppBar({ user, status, sidebarOpen, onToggleSidebar, onShowShortcuts }: AppBarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    // Leave this screen even if the server could not be told: staying would look like a broken button.
    onSettled: () => {
      navigate(ROUTES.home, { replace: true });
      endSession(queryClient);
    },
  });

  return (
    <header className="app-bar">
      <button
        type="button"
        className="button button--quiet app-bar__menu"
        aria-expanded={sidebarOpen}
        aria-controls={SIDEBAR_ID}
        onClick={onToggleSidebar}
      >
        <span aria-hidden="true">☰</span>
        <span className="visually-hidden">{t('sidebar.toggle')}</span>
      </button>
      <span className="app-bar__name">{t('app.name')}</span>
      <div className="app-bar__tools">
        <ConnectionStatus status={status} />
        <span className="app-bar__user">
          <Avatar displayName={user.displayName} color={user.avatarColor} size="small" />
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          <span data-testid="current-user">{user.displayName}</span>
        </span>
        <Link
          href={ROUTES.search}
          className="button button--small"
          data-testid="open-search"
          aria-keyshortcuts="Control+Shift+F /"
        >
          {t('search.open')}
        </Link>
        <button
          type="button"
          className="button button--small"
          data-testid="shortcuts-button"
          aria-keyshortcuts="Shift+?"
          onClick={onShowShortcuts}
        >
          {t('keyboard.button')}
        </button>
        <NotificationPrompt />
        <Link href={ROUTES.settings} className="button button--small" data-testid="open-settings">
          {t('header.settings')}
        </Link>
        {user.role === 'admin' ? (
          <Link href={ROUTES.admin} className="button button--small" data-testid="open-admin">
            {t('header.admin')}
          </Link>
        ) : null}
        <LanguageSwitch />
        <button
          type="button"
          className="button button--small"
          data-testid="sign-out"
          disabled={signOutMutation.isPending}
          onClick={() => signOutMutation.mutate()}
        >
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
