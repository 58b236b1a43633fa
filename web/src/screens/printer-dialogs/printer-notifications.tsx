// The printer's notifications (//action:notification) in the header: a count, and a panel that lists and clears them.
import { useState } from 'preact/hooks';
import { clearNotifications, getNotifications } from '../../api/printer-dialogs-api.js';
import type { NotificationEntry } from '../../api/printer-dialogs-api.js';
import { useApp, usePushMessage } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../lib/use-async.js';
import { useReadOnAuth } from '../../lib/use-read-on-auth.js';
import { NOTIFICATION_PLUGIN, nextNotifications, pluginData } from './printer-dialogs-state.js';

const SHOW = 'PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW';
const CLEAR = 'PLUGIN_ACTION_COMMAND_NOTIFICATION_CLEAR';

function time(seconds: number): string {
  return new Date(seconds * 1000).toLocaleTimeString();
}

/** `enabled`: plugins.action_command_notification.enable (the list hides when it is off). */
export function PrinterNotifications({ enabled = true }: { enabled?: boolean }) {
  const { api, can } = useApp();
  const allowed = can(SHOW);
  const [list, setList] = useState<NotificationEntry[]>([]);
  const [open, setOpen] = useState(false);
  const clear = useAction(async () => clearNotifications(api));

  useReadOnAuth(allowed, () => getNotifications(api), setList, [api]);

  usePushMessage('plugin', (payload) => {
    const data = pluginData(payload, NOTIFICATION_PLUGIN);
    if (data && allowed) setList((current) => nextNotifications(current, data, Date.now() / 1000));
  });

  if (!allowed || !enabled) return null;
  return (
    <span class="printer-notifications">
      <button
        type="button"
        class={`notification-toggle${list.length > 0 ? ' has-notifications' : ''}`}
        aria-expanded={open}
        aria-controls="printer-notification-panel"
        onClick={() => setOpen(!open)}
        title="Notifications from the printer"
      >
        Printer notifications <span class="notification-count">{list.length}</span>
      </button>
      {open ? (
        <section id="printer-notification-panel" class="notification-panel" aria-label="Printer notifications">
          {list.length === 0 ? (
            <p class="muted">No notifications from the printer.</p>
          ) : (
            <ol class="notification-list">
              {list.map((entry, index) => (
                <li key={`${entry.timestamp}-${index}`}>
                  <time>{time(entry.timestamp)}</time> <span class="notification-message">{entry.message}</span>
                </li>
              ))}
            </ol>
          )}
          <ErrorMessage error={clear.error} />
          {can(CLEAR) && list.length > 0 ? (
            <button type="button" disabled={clear.busy} onClick={() => void clear.run()}>
              Clear
            </button>
          ) : null}
        </section>
      ) : null}
    </span>
  );
}
