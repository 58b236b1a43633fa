// A screen the session may not open: says so, names the permission it needs and the groups the person is in,
// instead of quietly showing another screen.
import { useApp } from '../../app-context.js';
import { groupName } from '../../lib/group-names.js';
import { permissionName } from '../../lib/permission-names.js';
import type { RouteDefinition } from './routes.js';

export function NoAccessScreen({ route, fallback }: { route: RouteDefinition; fallback: RouteDefinition | null }) {
  const { session } = useApp();
  const groups = session.groups.map((key) => groupName(key)).join(', ');
  return (
    <section class="panel no-access" aria-labelledby="no-access-title">
      <h2 id="no-access-title">You may not open {route.label}</h2>
      <p>
        {route.label} needs the <strong>{permissionName(route.permission ?? '')}</strong> permission
        {groups ? (
          <>
            , which your groups (<strong>{groups}</strong>) do not give.
          </>
        ) : (
          ', and your account is in no group that gives it.'
        )}{' '}
        An administrator can add it to one of your groups, or put you in a group that has it.
      </p>
      {fallback ? (
        <p>
          <a href={`#${fallback.path}`}>Go to {fallback.label}</a>
        </p>
      ) : null}
    </section>
  );
}
