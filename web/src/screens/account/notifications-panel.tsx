// Opt in to the browser's own notifications (print finished, cancelled or failed; printer errors) for this browser.
import { useState } from 'preact/hooks';
import { Checkbox } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { desktopNotificationsOn, desktopNotificationsSupported, setDesktopNotifications } from '../shell/desktop-notifications.js';

export function NotificationsPanel() {
  const [on, setOn] = useState(desktopNotificationsOn);
  const [note, setNote] = useState<string | null>(null);
  if (!desktopNotificationsSupported()) return null;
  const change = async (wanted: boolean): Promise<void> => {
    const now = await setDesktopNotifications(wanted);
    setOn(now);
    setNote(wanted && !now ? 'The browser did not allow notifications for this page.' : null);
  };
  return (
    <Panel title="Notifications">
      <p class="muted">The page always shows a short message when a print ends or the printer reports an error.</p>
      <Checkbox label="Also show them as desktop notifications in this browser" checked={on} onChange={(wanted) => void change(wanted)} />
      {note ? <p class="muted">{note}</p> : null}
    </Panel>
  );
}
