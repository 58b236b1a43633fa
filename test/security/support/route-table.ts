// The ACL matrix's table: every route of the server, the permission it must enforce, and a harmless probe
// request (bodies chosen so an allowed caller gets a 4xx after the permission check, never a state change).

/** What a route demands: a permission key, `none` (open), `user` (any logged-in identity), `self` (the user named in the path, or ADMIN). */
export type Rule = string;

export interface RouteEntry {
  method: string;
  /** The path as the OpenAPI document lists it. */
  template: string;
  /** The rule the route must enforce. */
  rule: Rule;
  /** The `x-permission` the route declares (defaults to `rule`; `self`/`user` are declared `own-or-admin`). */
  declared?: string;
  /** Concrete path to request (defaults to the template). */
  path?: string;
  json?: unknown;
  /** Application keys are refused on this route whatever their permissions (account and key changes). */
  appKeysRefused?: boolean;
  /** Closed for everyone once an admin exists (first-run setup). */
  closed?: boolean;
  /** The answer streams; only its status is read. */
  streaming?: boolean;
  /** Changes the caller's session (walked last). */
  last?: boolean;
}

const E = (method: string, template: string, rule: Rule, extra: Partial<RouteEntry> = {}): RouteEntry => ({ method, template, rule, ...extra });
const EMPTY = { json: {} };

export const ROUTES: RouteEntry[] = [
  E('GET', '/api/openapi.json', 'none'),
  E('GET', '/api/openapi.html', 'none'),
  E('GET', '/api/version', 'STATUS'),
  E('GET', '/api/server', 'STATUS'),
  E('POST', '/api/files/test', 'FILES_LIST', EMPTY),
  E('GET', '/api/files', 'FILES_LIST'),
  E('GET', '/api/files/{origin}', 'FILES_LIST', { path: '/api/files/local' }),
  E('POST', '/api/files/{origin}', 'FILES_UPLOAD', { path: '/api/files/local', json: {} }),
  E('GET', '/api/files/{origin}/{*}', 'FILES_LIST', { path: '/api/files/local/matrix.gcode' }),
  E('POST', '/api/files/{origin}/{*}', 'FILES_SELECT', { declared: 'per-command', path: '/api/files/local/nothing.gcode', json: { command: 'select' } }),
  E('DELETE', '/api/files/{origin}/{*}', 'FILES_DELETE', { path: '/api/files/local/nothing.gcode' }),
  E('GET', '/downloads/files/local/{*}', 'FILES_DOWNLOAD', { path: '/downloads/files/local/matrix.gcode' }),
  E('POST', '/api/login', 'none', EMPTY),
  E('POST', '/api/logout', 'none', { last: true }),
  E('GET', '/api/currentuser', 'none'),
  E('GET', '/api/access/users', 'ADMIN'),
  E('POST', '/api/access/users', 'ADMIN', EMPTY),
  E('GET', '/api/access/users/{name}', 'self', { path: '/api/access/users/alice' }),
  E('PUT', '/api/access/users/{name}', 'ADMIN', { path: '/api/access/users/nobody', json: {} }),
  E('DELETE', '/api/access/users/{name}', 'ADMIN', { path: '/api/access/users/nobody' }),
  E('PUT', '/api/access/users/{name}/password', 'self', { path: '/api/access/users/alice/password', json: {}, appKeysRefused: true }),
  E('GET', '/api/access/users/{name}/settings', 'self', { path: '/api/access/users/alice/settings' }),
  E('PATCH', '/api/access/users/{name}/settings', 'self', { path: '/api/access/users/alice/settings', json: [], appKeysRefused: true }),
  E('POST', '/api/access/users/{name}/apikey', 'self', { path: '/api/access/users/alice/apikey', appKeysRefused: true }),
  E('DELETE', '/api/access/users/{name}/apikey', 'self', { path: '/api/access/users/alice/apikey', appKeysRefused: true }),
  ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].flatMap((method) => [
    E(method, '/api/users', 'none'),
    E(method, '/api/users/{*}', 'none', { path: '/api/users/alice' }),
  ]),
  E('GET', '/api/access/permissions', 'none'),
  E('GET', '/api/access/groups', 'ADMIN'),
  E('POST', '/api/access/groups', 'ADMIN', EMPTY),
  E('GET', '/api/access/groups/{key}', 'ADMIN', { path: '/api/access/groups/users' }),
  E('PUT', '/api/access/groups/{key}', 'ADMIN', { path: '/api/access/groups/nogroup', json: {} }),
  E('DELETE', '/api/access/groups/{key}', 'ADMIN', { path: '/api/access/groups/nogroup' }),
  E('GET', '/api/setup/admin', 'none'),
  E('POST', '/api/setup/admin', 'none', { json: {}, closed: true }),
  E('GET', '/plugin/appkeys/probe', 'none'),
  E('POST', '/plugin/appkeys/request', 'none', EMPTY),
  E('GET', '/plugin/appkeys/request/{appToken}', 'none', { path: '/plugin/appkeys/request/unknown' }),
  E('POST', '/plugin/appkeys/decision/{userToken}', 'PLUGIN_APPKEYS_GRANT', { path: '/plugin/appkeys/decision/unknown', json: { decision: false }, appKeysRefused: true }),
  E('GET', '/api/plugin/appkeys', 'user', { declared: 'own-or-admin' }),
  E('POST', '/api/plugin/appkeys', 'user', { declared: 'own-or-admin', json: { command: 'revoke' }, appKeysRefused: true }),
  E('GET', '/plugin/appkeys/auth/{appToken}', 'none', { path: '/plugin/appkeys/auth/unknown' }),
  E('POST', '/plugin/appkeys/auth/{appToken}', 'PLUGIN_APPKEYS_GRANT', { path: '/plugin/appkeys/auth/unknown', json: { decision: false }, appKeysRefused: true }),
  E('GET', '/plugin/appkeys/static/auth-dialog.js', 'none'),
  E('GET', '/api/settings', 'SETTINGS_READ'),
  E('POST', '/api/settings', 'SETTINGS', { json: [] }),
  E('GET', '/api/connection', 'STATUS'),
  E('POST', '/api/connection', 'CONNECTION', EMPTY),
  E('GET', '/api/printer', 'STATUS'),
  ...['tool', 'bed', 'chamber'].flatMap((heater) => [E('GET', `/api/printer/${heater}`, 'STATUS'), E('POST', `/api/printer/${heater}`, 'CONTROL', EMPTY)]),
  E('POST', '/api/printer/printhead', 'CONTROL', EMPTY),
  E('POST', '/api/printer/command', 'CONTROL', EMPTY),
  E('GET', '/api/printer/command/custom', 'CONTROL'),
  E('GET', '/api/printer/sd', 'STATUS'),
  E('POST', '/api/printer/sd', 'CONTROL', EMPTY),
  E('GET', '/api/printer/error', 'STATUS'),
  E('GET', '/api/job', 'STATUS'),
  // OctoPrint's order: operational (409) and the body (400) before PRINT; a valid command reaches the check.
  E('POST', '/api/job', 'PRINT', { json: { command: 'cancel' } }),
  E('GET', '/api/printerprofiles', 'CONNECTION'),
  E('POST', '/api/printerprofiles', 'SETTINGS', EMPTY),
  E('GET', '/api/printerprofiles/{id}', 'CONNECTION', { path: '/api/printerprofiles/_default' }),
  E('PATCH', '/api/printerprofiles/{id}', 'SETTINGS', { path: '/api/printerprofiles/nosuch', json: {} }),
  E('DELETE', '/api/printerprofiles/{id}', 'SETTINGS', { path: '/api/printerprofiles/nosuch' }),
  E('GET', '/api/system/commands', 'SYSTEM'),
  E('GET', '/api/system/commands/{source}', 'SYSTEM', { path: '/api/system/commands/core' }),
  E('POST', '/api/system/commands/{source}/{action}', 'SYSTEM', { path: '/api/system/commands/core/nothing' }),
  E('GET', '/api/system/info', 'SYSTEM'),
  E('POST', '/api/util/test', 'ADMIN', EMPTY),
  E('GET', '/api/languages', 'SETTINGS'),
  E('DELETE', '/api/languages/{locale}/{pack}', 'SETTINGS', { path: '/api/languages/xx/yy' }),
  E('GET', '/api/timelapse', 'TIMELAPSE_LIST'),
  E('GET', '/api/plugin/psucontrol', 'STATUS'),
  E('POST', '/api/plugin/psucontrol', 'PLUGIN_PSUCONTROL_CONTROL', { declared: 'per-command', json: { command: 'turnPSUOn' } }),
  E('GET', '/api/plugin/action_command_prompt', 'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT'),
  E('POST', '/api/plugin/action_command_prompt', 'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT', { json: { command: 'select', choice: 0 } }),
  E('GET', '/api/plugin/action_command_notification', 'PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW'),
  E('POST', '/api/plugin/action_command_notification', 'PLUGIN_ACTION_COMMAND_NOTIFICATION_CLEAR', { json: { command: 'clear' } }),
  E('GET', '/api/argonaut/history', 'FILES_LIST'),
  E('GET', '/api/argonaut/printers', 'STATUS'),
  E('GET', '/api/argonaut/store', 'STATUS'),
  E('GET', '/webcam/', 'WEBCAM', { path: '/webcam/?action=snapshot' }),
  E('GET', '/downloads/camera/current', 'WEBCAM'),
  E('GET', '/api/camera', 'WEBCAM'),
  E('POST', '/api/timelapse', 'TIMELAPSE_ADMIN', EMPTY),
  E('GET', '/api/timelapse/{name}', 'TIMELAPSE_DOWNLOAD', { path: '/api/timelapse/nosuch.txt' }),
  E('DELETE', '/api/timelapse/{name}', 'TIMELAPSE_DELETE', { path: '/api/timelapse/nosuch.mp4' }),
  E('POST', '/api/timelapse/unrendered/{name}', 'TIMELAPSE_MANAGE_UNRENDERED', { path: '/api/timelapse/unrendered/nosuch', json: {} }),
  E('DELETE', '/api/timelapse/unrendered/{name}', 'TIMELAPSE_MANAGE_UNRENDERED', { path: '/api/timelapse/unrendered/nosuch' }),
  E('GET', '/downloads/timelapse/{name}', 'TIMELAPSE_DOWNLOAD', { path: '/downloads/timelapse/nosuch.mp4' }),
  E('GET', '/plugin/discovery/discovery.xml', 'none'),
  E('GET', '/online.txt', 'none'),
  E('GET', '/online.gif', 'none'),
  E('GET', '/robots.txt', 'none'),
  E('GET', '/reverse_proxy_test', 'none'),
  E('GET', '/reverse_proxy_test/', 'none'),
  E('GET', '/api/slicing', 'SLICE'),
  // The UI shell and its hashed assets are public (they carry no data); fastify-static declares nothing.
  E('HEAD', '/assets/{*}', 'none', { declared: 'unspecified', path: '/assets/nothing.js' }),
  E('GET', '/assets/{*}', 'none', { declared: 'unspecified', path: '/assets/nothing.js' }),
  E('GET', '/', 'none', { declared: 'unspecified' }),
  E('GET', '/login', 'none', { declared: 'unspecified' }),
  E('GET', '/login/', 'none', { declared: 'unspecified' }),
  // The login page's form: without the form's CSRF token it only shows the form again.
  E('POST', '/login', 'none', EMPTY),
  E('POST', '/login/', 'none', EMPTY),
  // OctoPrint's recovery page: the UI shell for admins, the login page (302) for anyone else.
  E('GET', '/recovery', 'none', { declared: 'unspecified' }),
  E('GET', '/recovery/', 'none', { declared: 'unspecified' }),
  // The push socket authenticates inside the socket (`auth` message), not per HTTP request.
  E('GET', '/sockjs', 'none'),
  E('GET', '/sockjs/', 'none'),
  E('GET', '/sockjs/info', 'none'),
  E('OPTIONS', '/sockjs/info', 'none'),
  E('GET', '/sockjs/websocket', 'none'),
  E('GET', '/sockjs/{server}/{session}/websocket', 'none', { path: '/sockjs/000/matrix/websocket' }),
  E('POST', '/sockjs/{server}/{session}/xhr', 'none', { path: '/sockjs/000/SESSION/xhr' }),
  E('OPTIONS', '/sockjs/{server}/{session}/xhr', 'none', { path: '/sockjs/000/matrix/xhr' }),
  E('POST', '/sockjs/{server}/{session}/xhr_streaming', 'none', { path: '/sockjs/000/SESSION/xhr_streaming', streaming: true }),
  E('OPTIONS', '/sockjs/{server}/{session}/xhr_streaming', 'none', { path: '/sockjs/000/matrix/xhr_streaming' }),
  E('OPTIONS', '/sockjs/{server}/{session}/xhr_send', 'none', { path: '/sockjs/000/matrix/xhr_send' }),
  E('POST', '/sockjs/{server}/{session}/xhr_send', 'none', { path: '/sockjs/000/nosession/xhr_send', json: ['{}'] }),
];

/** `METHOD template`, the key both the table and the live route list are compared by. */
export function routeKey(method: string, template: string): string {
  return `${method.toUpperCase()} ${template}`;
}
