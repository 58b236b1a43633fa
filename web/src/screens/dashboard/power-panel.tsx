// The printer's power (power control): its state, live from the psucontrol push message, and a switch for those allowed.
import { useEffect, useState } from 'preact/hooks';
import { getPowerState, setPower } from '../../api/power-api.js';
import { useApp, usePushMessage } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { useAction, useLoad } from '../../lib/use-async.js';

export function PowerPanel() {
  const { api, can } = useApp();
  const loaded = useLoad(() => getPowerState(api), [api]);
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => setOn(loaded.data ?? null), [loaded.data]);
  usePushMessage('plugin', (payload) => {
    const message = payload as { plugin?: string; data?: { isPSUOn?: unknown } } | null;
    if (message?.plugin === 'psucontrol' && typeof message.data?.isPSUOn === 'boolean') setOn(message.data.isPSUOn);
  });
  const toggle = useAction(async () => {
    await setPower(api, !on);
    setOn(await getPowerState(api));
  });
  if (loaded.data === null || on === null) return null;
  const allowed = can('PLUGIN_PSUCONTROL_CONTROL');
  return (
    <Panel title="Power" actions={<span class="muted">{on ? 'On' : 'Off'}</span>}>
      <div class="button-row">
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-label="Printer power"
          class={on ? '' : 'primary'}
          disabled={!allowed || toggle.busy}
          onClick={() => void toggle.run()}
        >
          {toggle.busy ? 'Switching…' : on ? 'Switch off' : 'Switch on'}
        </button>
        {allowed ? null : <span class="muted">Switching needs the PSU Control permission.</span>}
      </div>
      <ErrorMessage error={toggle.error} />
    </Panel>
  );
}
