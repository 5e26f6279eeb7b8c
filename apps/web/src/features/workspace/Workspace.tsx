import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import type { User } from '@parley/protocol';
import type { LiveStatus } from '../../live/LiveConnection';
import { ROUTES } from '../../routes';
import { RoomScreen } from '../rooms/RoomScreen';
import { Sidebar } from '../rooms/Sidebar';
import { AppBar } from './AppBar';
import { LandingRedirect } from './LandingRedirect';

// Screens most visits never open stay out of the first download.
const SettingsScreen = lazy(() => import('../settings/SettingsScreen'));
const AdminScreen = lazy(() => import('../admin/AdminScreen'));

interface WorkspaceProps {
  user: User;
  status: LiveStatus;
}

/** The signed-in screen: the app bar, the room list, and whatever the address shows. */
export function Workspace({ user, status }: WorkspaceProps) {
  const { t } = useTranslation();
  // Only matters on narrow screens, where the room list is a panel over the content.
  const [sidebarOpen, setSidebarOpen] = useState(false);
  // Going anywhere (a room picked, a dialog that opened one) puts the narrow-screen list away.
  const [location] = useLocation();
  const [shownLocation, setShownLocation] = useState(location);
  if (location !== shownLocation) {
    setShownLocation(location);
    setSidebarOpen(false);
  }
  const loading = <p className="workspace__notice">{t('app.loading')}</p>;

  return (
    <div className="workspace" data-testid="room-view">
      <AppBar
        user={user}
        status={status}
        sidebarOpen={sidebarOpen}
        onToggleSidebar={() => setSidebarOpen((open) => !open)}
      />
      <div className="workspace__body">
        <Sidebar user={user} open={sidebarOpen} onClose={() => setSidebarOpen(false)} />
        <main className="workspace__main">
          <Switch>
            <Route path={ROUTES.roomPattern}>
              {(params) => <RoomScreen key={params.roomId} roomId={params.roomId} user={user} />}
            </Route>
            <Route path={ROUTES.settings}>
              <Suspense fallback={loading}>
                <SettingsScreen user={user} />
              </Suspense>
            </Route>
            <Route path={ROUTES.admin}>
              {user.role === 'admin' ? (
                <Suspense fallback={loading}>
                  <AdminScreen user={user} />
                </Suspense>
              ) : (
                <Redirect to={ROUTES.home} replace />
              )}
            </Route>
            <Route path={ROUTES.home}>
              <LandingRedirect user={user} />
            </Route>
            {/* An invite link opened while signed in, or an address that is no screen: go home. */}
            <Route>
              <Redirect to={ROUTES.home} replace />
            </Route>
          </Switch>
        </main>
      </div>
    </div>
  );
}
