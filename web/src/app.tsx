// Top level: decides between first-run setup, login and the logged-in app, and moves between them.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from './api/api-client.js';
import { errorText } from './api/api-error.js';
import { currentUser, passiveLogin } from './api/auth-api.js';
import { setupRequired } from './api/setup-api.js';
import type { Session } from './app-context.js';
import { FirstRunScreen } from './screens/login/first-run-screen.js';
import { LoginScreen } from './screens/login/login-screen.js';
import { UnreachableScreen } from './screens/login/unreachable-screen.js';
import { LoggedInApp } from './screens/shell/logged-in-app.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable'; error: string; attempt: number }
  | { kind: 'first-run' }
  | { kind: 'login'; notice: string | null }
  | { kind: 'ready'; session: Session };

/** Where to go after logging in when the page was opened as `/login?redirect=...` (same origin only). */
function redirectTarget(): string | null {
  const redirect = new URLSearchParams(window.location.search).get('redirect');
  if (!redirect) return null;
  try {
    const target = new URL(redirect, window.location.href);
    return target.origin === window.location.origin ? target.toString() : null;
  } catch {
    return null;
  }
}

export async function loadSession(api: ApiClient): Promise<Session | null> {
  const login = await passiveLogin(api);
  if (!login.name) return null;
  const user = await currentUser(api);
  return { name: user.name ?? login.name, permissions: user.permissions, groups: user.groups };
}

export function App({ api }: { api: ApiClient }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const boot = async (notice: string | null = null): Promise<void> => {
    try {
      if (await setupRequired(api)) {
        setPhase({ kind: 'first-run' });
        return;
      }
      const session = await loadSession(api);
      if (session) {
        const redirect = redirectTarget();
        if (redirect) {
          window.location.assign(redirect);
          return;
        }
        setPhase({ kind: 'ready', session });
      } else {
        setPhase({ kind: 'login', notice });
      }
    } catch (caught) {
      setPhase((previous) => ({ kind: 'unreachable', error: errorText(caught), attempt: previous.kind === 'unreachable' ? previous.attempt + 1 : 0 }));
    }
  };

  useEffect(() => void boot(), []);

  switch (phase.kind) {
    case 'loading':
      return (
        <main class="centered-page" aria-busy="true">
          <p>Loading…</p>
        </main>
      );
    case 'unreachable':
      return <UnreachableScreen error={phase.error} attempt={phase.attempt} retry={() => void boot()} />;
    case 'first-run':
      return <FirstRunScreen api={api} onDone={() => void boot()} />;
    case 'login':
      return <LoginScreen api={api} printerName="" notice={phase.notice} onLoggedIn={() => void boot()} />;
    case 'ready':
      return <LoggedInApp api={api} session={phase.session} onLoggedOut={(notice) => void boot(notice)} />;
  }
}
