// The application keys you granted (slicers, phone apps): which app, since when, last used; revoke.
import { listPermissions } from '../../api/access-api.js';
import { listAppKeys, revokeAppKey } from '../../api/appkeys-api.js';
import type { AppKeyRecord } from '../../api/types.js';
import { useApp, usePushMessage } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { formatDate } from '../../lib/format.js';
import { useAction, useLoad } from '../../lib/use-async.js';

function when(value: unknown): string {
  if (typeof value === 'number') return formatDate(value > 1e11 ? value / 1000 : value);
  if (typeof value === 'string' && value) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? value : formatDate(parsed / 1000);
  }
  return '–';
}

export function AppKeysPanel() {
  const { api } = useApp();
  const keys = useLoad(() => listAppKeys(api), [api]);
  const catalogue = useLoad(() => listPermissions(api), [api]);
  const permissionName = (key: string): string => catalogue.data?.find((p) => p.key === key)?.name ?? key;
  usePushMessage('plugin', (payload) => {
    const message = payload as { plugin?: string; data?: { type?: string } } | null;
    // A decision ends the request; the key exists once the app fetched it (`key_issued`).
    if (message?.plugin === 'appkeys' && (message.data?.type === 'end_request' || message.data?.type === 'key_issued')) keys.reload();
  });
  const revoke = useAction(async (app: string) => {
    await revokeAppKey(api, app);
    keys.reload();
  });
  const revocation = useConfirmation((key: AppKeyRecord) => void revoke.run(key.app_id));
  const list = keys.data?.keys ?? [];
  return (
    <Panel title="Application keys" class="span-2">
      <p class="muted">Keys you gave to apps that asked for access. Revoking one logs that app out at once.</p>
      {keys.data && list.length === 0 ? <p>No app has a key.</p> : null}
      {list.length > 0 ? (
        <DataTable columns={['App', 'Key', 'May', 'Created', 'Last used', 'Expires', 'Actions']}>
          {list.map((key) => (
            <tr key={key.app_id} data-app={key.app_id}>
              <td>{key.app_id}</td>
              <td>{typeof key.prefix === 'string' ? <code>{key.prefix}…</code> : '–'}</td>
              <td>{Array.isArray(key.permissions) ? key.permissions.map((p) => permissionName(String(p))).join(', ') : 'everything you may'}</td>
              <td>{when(key.created)}</td>
              <td>{key.last_used ? when(key.last_used) : 'never'}</td>
              <td>{key.expires ? when(key.expires) : 'never'}</td>
              <td class="actions">
                <button type="button" onClick={() => revocation.ask(key)} aria-label={`Revoke the key of ${key.app_id}`}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <ErrorMessage error={keys.error ?? revoke.error} />
      {revocation.dialog((key) => ({
        title: `Revoke the key of ${key.app_id}?`,
        message: 'The app loses access at once and has to ask again.',
        confirmLabel: 'Revoke',
      }))}
    </Panel>
  );
}
