import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
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

/**
 * Always on screen: the connection status, who is signed in, search, and the way to settings and
 * out. On a phone the rarer tools fold into a "More" menu, so the bar stays one line.
 */
export function AppBar({ user, status, sidebarOpen, onToggleSidebar, onShowShortcuts }: AppBarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [moreOpen, setMoreOpen] = useState(false);
  const moreId = useId();
  const moreButton = useRef<HTMLButtonElement>(null);
  // An open menu closes when the reader presses anywhere else.
  useEffect(() => {
    if (!moreOpen) return;
    const closeOutside = (event: PointerEvent) => {
      const inside = [document.getElementById(moreId), moreButton.current].some(
        (element) => event.target instanceof Node && element?.contains(event.target),
      );
      if (!inside) setMoreOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [moreOpen, moreId]);
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
          ref={moreButton}
          type="button"
          className="button button--small app-bar__more"
          data-testid="app-bar-more"
          aria-expanded={moreOpen}
          aria-controls={moreId}
          onClick={() => setMoreOpen((open) => !open)}
        >
          {t('header.more')}
        </button>
        {/* In the bar on wide screens; on a phone, the "More" menu. A pick closes it. */}
        <div
          id={moreId}
          className={`app-bar__extra${moreOpen ? ' app-bar__extra--open' : ''}`}
          data-testid="app-bar-extra"
          onClick={(event) => {
            if (event.target instanceof Element && event.target.closest('a, button')) setMoreOpen(false);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || !moreOpen) return;
            setMoreOpen(false);
            moreButton.current?.focus();
          }}
        >
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
      </div>
    </header>
  );
}
