// The app key prompt: when an app asks for access, approve it (optionally with fewer permissions) or deny it.
import { useEffect, useState } from 'preact/hooks';
import { listPermissions } from '../../api/access-api.js';
import { decideAppKey, listAppKeys } from '../../api/appkeys-api.js';
import type { PermissionRecord } from '../../api/types.js';
import { useApp, usePushMessage } from '../../app-context.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Checkbox } from '../../components/field.js';
import { UNAVAILABLE_PERMISSIONS } from '../../lib/permission-names.js';
import { useAction } from '../../lib/use-async.js';
import { useReadOnAuth } from '../../lib/use-read-on-auth.js';
import { ChoiceList } from '../access/group-choice.js';
import { addRequest, isForUser, parseRequest, removeRequest } from './pending-requests.js';
import type { PendingRequest } from './pending-requests.js';

const LIFETIMES: ReadonlyArray<[string, string]> = [
  ['', 'until I revoke it'],
  [String(24 * 3600), 'for one day'],
  [String(30 * 24 * 3600), 'for 30 days'],
  [String(365 * 24 * 3600), 'for a year'],
];

export function AppKeyPrompt() {
  const { api, session, can } = useApp();
  const [queue, setQueue] = useState<PendingRequest[]>([]);
  const allowed = can('PLUGIN_APPKEYS_GRANT');

  // Requests already waiting: read on start and after every (re)authentication of the push socket (its `history`
  // message), so a notice missed while the socket was away still gets its prompt.
  useReadOnAuth(
    allowed,
    () => listAppKeys(api),
    (listing) => {
      for (const entry of Object.values(listing.pending ?? {})) {
        const request = parseRequest(entry as unknown as Record<string, unknown>);
        if (request && isForUser(request, session.name)) setQueue((q) => addRequest(q, request));
      }
    },
    [api, session.name],
  );

  usePushMessage('plugin', (payload) => {
    const message = payload as { plugin?: string; data?: Record<string, unknown> } | null;
    if (message?.plugin !== 'appkeys' || !message.data) return;
    if (message.data.type === 'request_access') {
      const request = parseRequest(message.data);
      if (request && allowed && isForUser(request, session.name)) setQueue((q) => addRequest(q, request));
    } else if (message.data.type === 'end_request' && typeof message.data.user_token === 'string') {
      const token = message.data.user_token;
      setQueue((q) => removeRequest(q, token));
    }
  });

  const current = queue[0];
  if (!current) return null;
  return <AppKeyDialog key={current.userToken} request={current} onDone={() => setQueue((q) => removeRequest(q, current.userToken))} />;
}

function AppKeyDialog({ request, onDone }: { request: PendingRequest; onDone(): void }) {
  const { api, session } = useApp();
  const [catalogue, setCatalogue] = useState<PermissionRecord[]>([]);
  const [narrow, setNarrow] = useState(request.permissions !== null);
  const mine = (session.permissions.includes('ADMIN') ? catalogue.map((p) => p.key) : session.permissions).filter((key) => !UNAVAILABLE_PERMISSIONS.has(key));
  const [chosen, setChosen] = useState<string[]>(request.permissions ?? []);
  const [lifetime, setLifetime] = useState('');
  useEffect(() => {
    listPermissions(api).then(setCatalogue, () => undefined);
  }, [api]);
  useEffect(() => {
    if (request.permissions === null && chosen.length === 0 && mine.length) setChosen(mine);
  }, [mine.length]);
  const decide = useAction(async (decision: boolean) => {
    await decideAppKey(api, request.userToken, decision, { permissions: narrow ? chosen : undefined, expiresIn: lifetime ? Number(lifetime) : undefined });
    onDone();
  });
  const items = mine.map((key) => ({ key, label: catalogue.find((p) => p.key === key)?.name ?? key }));

  return (
    <Dialog title="An app asks for access" onClose={onDone}>
      <p>
        <strong class="app-name">{request.appName}</strong> wants an API key to use this printer as <strong>{session.name}</strong>
        {request.remoteAddress ? (
          <>
            {' '}
            (from <code>{request.remoteAddress}</code>)
          </>
        ) : null}
        .
      </p>
      <p class="muted">Only approve it if you just asked for this in that app.</p>
      <Checkbox label="Allow only some of what I may do" checked={narrow} onChange={setNarrow} />
      {narrow ? <ChoiceList legend="The app may" items={items} chosen={chosen} onChange={setChosen} bulk /> : null}
      <div class="field">
        <label for="app-key-lifetime">The key works</label>
        <select id="app-key-lifetime" value={lifetime} onChange={(e) => setLifetime(e.currentTarget.value)}>
          {LIFETIMES.map(([seconds, label]) => (
            <option key={seconds} value={seconds}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={decide.error} />
      <div class="button-row">
        <button type="button" class="primary" disabled={decide.busy || (narrow && chosen.length === 0)} onClick={() => void decide.run(true)}>
          Allow
        </button>
        <button type="button" class="danger" disabled={decide.busy} onClick={() => void decide.run(false)}>
          Deny
        </button>
      </div>
    </Dialog>
  );
}
