// The header: app name, the printer's state, whether live updates are flowing, and the user with log out.
import { useApp } from '../../app-context.js';
import { useStore } from '../../lib/store.js';
import { useAction } from '../../lib/use-async.js';

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

export function Header() {
  const { session, printer, pushStatus, logout } = useApp();
  const state = useStore(printer);
  const push = useStore(pushStatus);
  const leave = useAction(logout);
  return (
    <header class="app-header">
      <a class="brand" href="#/">
        Argonaut
      </a>
      <span class={`state-badge ${stateClass(state.state.flags)}`} role="status" aria-label={`Printer: ${state.state.text}`}>
        {state.state.text}
      </span>
      <span class={`push-status push-${push}`} title="Live updates from the server">
        {PUSH_TEXT[push]}
      </span>
      <span class="header-user">
        <a href="#/account">{session.name}</a>
        <button type="button" onClick={() => void leave.run()} disabled={leave.busy}>
          Log out
        </button>
      </span>
      {leave.error ? (
        <p class="error-message header-error" role="alert">
          {leave.error}
        </p>
      ) : null}
    </header>
  );
}
