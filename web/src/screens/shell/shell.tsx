// The page frame: a header with the printer state and the connection to the server, navigation, and the screen.
import type { ComponentType } from 'preact';
import { useApp } from '../../app-context.js';
import { useRoute } from '../../lib/hash-route.js';
import { AccessScreen } from '../access/access-screen.js';
import { AccountScreen } from '../account/account-screen.js';
import { ControlScreen } from '../control/control-screen.js';
import { DashboardScreen } from '../dashboard/dashboard-screen.js';
import { FilesScreen } from '../files/files-screen.js';
import { HistoryScreen } from '../history/history-screen.js';
import { SettingsScreen } from '../settings/settings-screen.js';
import { TerminalScreen } from '../terminal/terminal-screen.js';
import { WebcamScreen } from '../webcam/webcam-screen.js';
import { ConnectionBanner, useConnectionGuard } from './connection-guard.js';
import { TimelapseScreen } from '../timelapse/timelapse-screen.js';
import { Header } from './header.js';
import { NoAccessScreen } from './no-access-screen.js';
import { matchRoute, ROUTES } from './routes.js';

const SCREENS: Record<string, ComponentType> = {
  '/': DashboardScreen,
  '/control': ControlScreen,
  '/files': FilesScreen,
  '/history': HistoryScreen,
  '/terminal': TerminalScreen,
  '/webcam': WebcamScreen,
  '/timelapse': TimelapseScreen,
  '/settings': SettingsScreen,
  '/access': AccessScreen,
  '/account': AccountScreen,
};

export function Shell() {
  const { can } = useApp();
  const route = useRoute();
  const visible = ROUTES.filter((r) => r.permission === null || can(r.permission));
  const wanted = matchRoute(route);
  // A screen named in the address that the session may not open says so (the start page falls back quietly).
  const denied = !visible.includes(wanted) && wanted.path !== '/' ? wanted : null;
  const active = visible.includes(wanted) || denied ? wanted : (visible[0] ?? wanted);
  const Screen = SCREENS[active.path] ?? AccountScreen;
  const guard = useConnectionGuard();
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <nav class="main-nav" aria-label="Screens">
        <ul>
          {visible.map((r) => (
            <li key={r.path}>
              <a href={`#${r.path}`} aria-current={r === active ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ConnectionBanner away={guard.away} />
      <main id="main" class="screen" tabIndex={-1} inert={guard.away} aria-busy={guard.away}>
        <h1 class="visually-hidden">{active.label}</h1>
        {denied ? <NoAccessScreen route={denied} fallback={visible[0] ?? null} /> : <Screen key={guard.generation} />}
      </main>
    </div>
  );
}
