// The logged-in app: opens the push socket, provides the app context, and renders the shell with its overlays.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/api-client.js';
import { currentUser, logout, passiveLogin } from '../../api/auth-api.js';
import { AppContext } from '../../app-context.js';
import type { AppServices, Session } from '../../app-context.js';
import { createMessageHub } from '../../push/message-hub.js';
import { createPrinterState } from '../../push/printer-state.js';
import { createPushConnection } from '../../push/push-connection.js';
import { AppKeyPrompt } from '../appkeys/app-key-prompt.js';
import { PrintToasts } from './print-toasts.js';
import { PrinterPrompt } from '../printer-dialogs/printer-prompt.js';
import { ReauthDialog } from './reauth-dialog.js';
import { Shell } from './shell.js';

export interface LoggedInAppProps {
  api: ApiClient;
  session: Session;
  onLoggedOut(notice: string | null): void;
}

export function LoggedInApp({ api, session: initialSession, onLoggedOut }: LoggedInAppProps) {
  const [session, setSession] = useState(initialSession);
  const [reauth, setReauth] = useState<((ok: boolean) => void) | null>(null);

  const live = useMemo(() => {
    const printer = createPrinterState();
    const messages = createMessageHub();
    const push = createPushConnection({
      url: api.url('sockjs'),
      async credentials() {
        const login = await passiveLogin(api);
        return login.name && login.session ? `${login.name}:${login.session}` : null;
      },
      onMessage(type, payload) {
        printer.apply(type, payload);
        messages.publish(type, payload);
      },
      onLoggedOut: (afterReconnect) =>
        onLoggedOut(afterReconnect ? 'The server restarted (or the connection was lost) and your session ended. Please log in again.' : 'Your session ended. Please log in again.'),
    });
    return { printer, messages, push };
  }, [api]);

  useEffect(() => () => live.push.close(), [live]);

  useEffect(() => {
    api.setReauthenticate(() => new Promise<boolean>((resolve) => setReauth(() => resolve)));
    return () => api.setReauthenticate(undefined);
  }, [api]);

  const services = useMemo<AppServices>(() => {
    const held = new Set(session.permissions);
    return {
      api,
      session,
      printer: live.printer,
      pushStatus: live.push.status,
      messages: live.messages,
      can: (permission) => held.has('ADMIN') || held.has(permission),
      async logout() {
        await logout(api);
        live.push.close();
        onLoggedOut('You are logged out.');
      },
      async refreshSession() {
        const user = await currentUser(api);
        if (!user.name) {
          onLoggedOut('Your session ended. Please log in again.');
          return;
        }
        setSession({ name: user.name, permissions: user.permissions, groups: user.groups });
      },
    };
  }, [api, session, live]);

  const finishReauth = (ok: boolean): void => {
    reauth?.(ok);
    setReauth(null);
  };

  return (
    <AppContext.Provider value={services}>
      <Shell />
      <AppKeyPrompt />
      <PrintToasts />
      <PrinterPrompt />
      {reauth ? <ReauthDialog onDone={finishReauth} /> : null}
    </AppContext.Provider>
  );
}
