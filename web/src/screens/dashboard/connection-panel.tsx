// Connection: pick the port, baud rate and printer profile; connect and disconnect.
import { useEffect, useState } from 'preact/hooks';
import { connect, disconnect, getConnection } from '../../api/printer-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { missingPermissionText } from '../../lib/permission-names.js';

const CONNECTION_EVENTS = ['Connected', 'Disconnected', 'PrinterStateChanged', 'PrinterProfileModified'];

export function ConnectionPanel() {
  const { api, can, printer } = useApp();
  const state = useStore(printer, (s) => s.state);
  const info = useLoad(() => getConnection(api), [api]);
  usePushEvent(CONNECTION_EVENTS, () => info.reload());
  const [port, setPort] = useState('AUTO');
  const [baudrate, setBaudrate] = useState('0');
  const [profile, setProfile] = useState('_default');

  useEffect(() => {
    const options = info.data?.options;
    const current = info.data?.current;
    if (!options) return;
    setPort(current?.port ?? options.portPreference ?? options.ports[0] ?? 'AUTO');
    setBaudrate(String(current?.baudrate ?? options.baudratePreference ?? 0));
    setProfile(current?.printerProfile ?? options.printerProfilePreference ?? options.printerProfiles[0]?.id ?? '_default');
  }, [info.data]);

  const connectAction = useAction(() => connect(api, { port, baudrate: Number(baudrate), printerProfile: profile }));
  const disconnectAction = useAction(() => disconnect(api));
  const options = info.data?.options;
  const connected = !state.flags.closedOrError || state.flags.operational;
  const allowed = can('CONNECTION');
  const reason = allowed ? undefined : missingPermissionText('CONNECTION');
  const locked = connected || !allowed;

  return (
    <Panel title="Connection" actions={<span class="muted">{info.data?.current.state ?? state.text}</span>}>
      <div class="form-grid">
        <div class="field">
          <label for="connection-port">Serial port</label>
          <select id="connection-port" value={port} disabled={locked} onChange={(e) => setPort(e.currentTarget.value)}>
            <option value="AUTO">Detect automatically</option>
            {options?.ports.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="connection-baudrate">Baud rate</label>
          <select id="connection-baudrate" value={baudrate} disabled={locked} onChange={(e) => setBaudrate(e.currentTarget.value)}>
            <option value="0">Detect automatically</option>
            {options?.baudrates.map((b) => (
              <option key={b} value={String(b)}>
                {b}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="connection-profile">Printer profile</label>
          <select id="connection-profile" value={profile} disabled={locked} onChange={(e) => setProfile(e.currentTarget.value)}>
            {options?.printerProfiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="button-row">
        {connected ? (
          <button type="button" onClick={() => void disconnectAction.run()} disabled={!allowed || disconnectAction.busy} title={reason}>
            {disconnectAction.busy ? 'Disconnecting…' : 'Disconnect'}
          </button>
        ) : (
          <button type="button" class="primary" onClick={() => void connectAction.run()} disabled={!allowed || connectAction.busy} title={reason}>
            {connectAction.busy ? 'Connecting…' : 'Connect'}
          </button>
        )}
        {!allowed ? <span class="muted">Your account may not change the connection.</span> : null}
      </div>
      {state.error ? <p class="error-message">{state.error}</p> : null}
      <ErrorMessage error={info.error ?? connectAction.error ?? disconnectAction.error} />
    </Panel>
  );
}
