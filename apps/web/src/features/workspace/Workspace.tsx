import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation, useRoute } from 'wouter';
import type { User } from '@parley/protocol';
import type { LiveStatus } from '../../live/LiveConnection';
import { roomsQuery } from '../../api/rooms';
import { ROUTES } from '../../routes';
import { composerInputId } from '../composer/Composer';
import { QuickSwitcher } from '../keyboard/QuickSwitcher';
import { adjacentRoom } from '../keyboard/shortcuts';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog';
import { useShortcuts } from '../keyboard/useShortcuts';
import { RoomScreen } from '../rooms/RoomScreen';
import { sidebarGroups } from '../rooms/roomNames';
import { Sidebar } from '../rooms/Sidebar';
import { SEARCH_INPUT_ID } from '../search/searchInput';
import { useUnreadTitle } from '../unread/useUnreadTitle';
import { AppBar } from './AppBar';
import { LandingRedirect } from './LandingRedirect';

// Screens most visits never open stay out of the first download.
const SettingsScreen = lazy(() => import('../settings/SettingsScreen'));
const AdminScreen = lazy(() => import('../admin/AdminScreen'));
const SearchScreen = lazy(() => import('../search/SearchScreen'));

interface WorkspaceProps {
  user: User;
  status: LiveStatus;
}

/** The signed-in screen: the app bar, the room list, and whatever the address shows. */
export function Workspace({ user, status }: WorkspaceProps) {
  const { t, i18n } = useTranslation();
  // Only matters on narrow screens, where the room list is a panel over the content.
  const [sidebarOpen, setSidebarOpen] = useState(false);
  // Going anywhere (a room picked, a dialog that opened one) puts the narrow-screen list away.
  const [location, navigate] = useLocation();
  const [shownLocation, setShownLocation] = useState(location);
  if (location !== shownLocation) {
    setShownLocation(location);
    setSidebarOpen(false);
  }
  const loading = <p className="workspace__notice">{t('app.loading')}</p>;

  const rooms = useQuery(roomsQuery);
  useUnreadTitle();
  const [, roomRoute] = useRoute(ROUTES.roomPattern);
  const activeRoomId = roomRoute?.roomId ?? null;
  const [dialog, setDialog] = useState<'switcher' | 'shortcuts' | null>(null);
  const orderedRooms = useMemo(() => {
    const groups = sidebarGroups(rooms.data ?? [], i18n.language);
    return [...groups.rooms, ...groups.dms];
  }, [rooms.data, i18n.language]);

  const openRoom = (roomId: string) => {
    setDialog(null);
    navigate(ROUTES.room(roomId));
    // The room mounts on the next render; then the keyboard user is where they would type.
    requestAnimationFrame(() => document.getElementById(composerInputId(roomId))?.focus());
  };

  useShortcuts((shortcut) => {
    if (shortcut === 'quickSwitcher') setDialog('switcher');
    else if (shortcut === 'search') {
      // Already searching: back to the search field rather than a fresh, empty search.
      if (location === ROUTES.search) document.getElementById(SEARCH_INPUT_ID)?.focus();
      else navigate(ROUTES.search);
    } else if (shortcut === 'showShortcuts') setDialog('shortcuts');
    else {
      const ids = orderedRooms.map((room) => room.id);
      const target = adjacentRoom(ids, activeRoomId, shortcut === 'nextRoom' ? 1 : -1);
      if (target !== undefined && target !== activeRoomId) openRoom(target);
    }
  });

  return (
    <div className="workspace" data-testid="room-view">
      <AppBar
        user={user}
        status={status}
        sidebarOpen={sidebarOpen}
        onToggleSidebar={() => setSidebarOpen((open) => !open)}
        onShowShortcuts={() => setDialog('shortcuts')}
      />
      <div className="workspace__body">
        <Sidebar user={user} open={sidebarOpen} onClose={() => setSidebarOpen(false)} />
        <main className="workspace__main">
          <Switch>
            <Route path={ROUTES.roomPattern}>
              {(params) => <RoomScreen key={params.roomId} roomId={params.roomId} user={user} />}
            </Route>
            <Route path={ROUTES.search}>
              <Suspense fallback={loading}>
                <SearchScreen />
              </Suspense>
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
      {dialog === 'switcher' ? (
        <QuickSwitcher rooms={orderedRooms} onOpenRoom={openRoom} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'shortcuts' ? <ShortcutsDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
