// The header: app name, the printer's state, whether live updates are flowing, and the user with log out.
import { useEffect } from 'preact/hooks';
import { getSettings } from '../../api/settings-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { countRender } from '../../lib/render-count.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { SystemMenu } from './system-menu.js';
import { notificationsEnabled } from '../printer-dialogs/printer-dialogs-state.js';
import { PrinterNotifications } from '../printer-dialogs/printer-notifications.js';
import { StoreStatusNotice } from './store-status.js';

const PUSH_TEXT = {
  connecting: 'Connecting…',
  online: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
} as const;

function stateClass(flags: { error: boolean; printing: boolean; paused: boolean; operational: boolean }): string {
  if (flags.error) return 'state-error';
  if (flags.paused) return 'state-paused';
  if (flags.printing) return 'state-printing';
  if (flags.operational) return 'state-ready';
  return 'state-offline';
}

function wholePercent(completion: number | null | undefined): number | null {
  return typeof completion === 'number' ? Math.floor(completion) : null;
}

/** The tab title: progress while printing, so it shows from another tab. */
function pageTitle(name: string, printing: boolean, completion: number | null): string {
  const base = name ? `${name} · Argonaut` : 'Argonaut';
  return printing && typeof completion === 'number' ? `${Math.floor(completion)} % · ${base}` : base;
}

export function Header() {
  const { api, can, session, printer, pushStatus, logout } = useApp();
  // Whole percents only: the header need not re-render on every progress tick.
  const state = useStore(printer, (s) => ({ state: s.state, completion: wholePercent(s.progress?.completion) }));
  countRender('header');
  const push = useStore(pushStatus);
  const leave = useAction(logout);
  const settings = useLoad(() => (can('SETTINGS_READ') ? getSettings(api) : Promise.resolve(null)), [api]);
  usePushEvent(['SettingsUpdated'], () => settings.reload());
  const name = settings.data?.appearance?.name ?? '';
  const colour = settings.data?.appearance?.color ?? 'default';
  const title = pageTitle(name, state.state.flags.printing, state.completion);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <header class="app-header" data-color={colour}>
      <a class="brand" href="#/">
        Argonaut
        {name ? <span class="printer-name"> · {name}</span> : null}
      </a>
      <span class={`state-badge ${stateClass(state.state.flags)}`} role="status" aria-label={`Printer: ${state.state.text}`}>
        {state.state.text}
      </span>
      <span class={`push-status push-${push}`} title="Live updates from the server">
        {PUSH_TEXT[push]}
      </span>
      <SystemMenu />
      <PrinterNotifications enabled={notificationsEnabled(settings.data)} />
      <span class="header-user">
        <a href="#/account">{session.name}</a>
        <button type="button" onClick={() => void leave.run()} disabled={leave.busy}>
          Log out
        </button>
      </span>
      <StoreStatusNotice />
      {leave.error ? (
        <p class="error-message header-error" role="alert">
          {leave.error}
        </p>
      ) : null}
    </header>
  );
}
