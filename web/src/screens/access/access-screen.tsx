// Access control for administrators: users and groups.
import { listGroups, listPermissions, listUsers } from '../../api/access-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useLoad } from '../../lib/use-async.js';
import { GroupsPanel } from './groups-panel.js';
import { UsersPanel } from './users-panel.js';

export function AccessScreen() {
  const { api } = useApp();
  const data = useLoad(async () => {
    const [users, groups, permissions] = await Promise.all([listUsers(api), listGroups(api), listPermissions(api)]);
    return { users, groups, permissions };
  }, [api]);
  return (
    <div class="grid">
      <ErrorMessage error={data.error} />
      {data.data ? <UsersPanel users={data.data.users} groups={data.data.groups} onChanged={data.reload} /> : null}
      {data.data ? <GroupsPanel groups={data.data.groups} permissions={data.data.permissions} onChanged={data.reload} /> : null}
      {data.loading && !data.data ? <p aria-busy="true">Loading users and groups…</p> : null}
    </div>
  );
}
