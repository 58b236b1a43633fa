// The screens of the logged-in app, their hash routes and the permission each needs.

export interface RouteDefinition {
  path: string;
  label: string;
  /** The permission needed to see the screen; null for everyone logged in. */
  permission: string | null;
}

export const ROUTES: readonly RouteDefinition[] = [
  { path: '/', label: 'Dashboard', permission: 'STATUS' },
  { path: '/control', label: 'Control', permission: 'CONTROL' },
  { path: '/files', label: 'Files', permission: 'FILES_LIST' },
  { path: '/history', label: 'History', permission: 'FILES_LIST' },
  { path: '/terminal', label: 'Terminal', permission: 'MONITOR_TERMINAL' },
  { path: '/webcam', label: 'Webcam', permission: 'WEBCAM' },
  { path: '/timelapse', label: 'Timelapse', permission: 'TIMELAPSE_LIST' },
  { path: '/settings', label: 'Settings', permission: 'SETTINGS' },
  { path: '/access', label: 'Access control', permission: 'ADMIN' },
  { path: '/account', label: 'My account', permission: null },
];

/** The route for a hash path, ignoring a query part (`/files?folder=x`). */
export function matchRoute(route: string): RouteDefinition {
  const path = route.split('?')[0] ?? '/';
  return ROUTES.find((r) => r.path === path) ?? (ROUTES[0] as RouteDefinition);
}
