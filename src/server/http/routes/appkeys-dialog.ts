// The auth dialog an app opens in a browser (`auth_dialog`): GET shows it (setting the CSRF cookie), POST decides.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PERMISSIONS, cookieSuffix, hasFreshCredentials, hasPermission } from '../../../auth/index.js';
import type { AppKeysService, DialogRequest } from '../../../auth/index.js';
import { setCsrfCookie } from '../middleware/csrf.js';
import { noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { decisionOf, refuseDuringFirstRun, requireDecider } from './appkeys-guards.js';
import { renderDialogPage, renderGonePage } from './appkeys-dialog-page.js';
import type { DialogChoice, DialogView } from './appkeys-dialog-page.js';
import { AUTH_DIALOG_SCRIPT } from './appkeys-dialog-script.js';

const SCRIPT_PATH = '/plugin/appkeys/static/auth-dialog.js';

function permissionName(key: string): string {
  return PERMISSIONS.find((p) => p.key === key)?.name ?? key;
}

/** Whether the viewer can decide now, and if not, what to tell them above the login form. */
function viewerState(request: FastifyRequest, services: HttpServices, pending: DialogRequest): { canDecide: boolean; notice: string | null } {
  const identity = request.identity;
  const name = identity.name;
  if (name === null) return { canDecide: false, notice: 'Log in to decide.' };
  if (pending.user !== null && pending.user !== name) return { canDecide: false, notice: `This request is for ${pending.user}. Log in as ${pending.user} to decide.` };
  if (identity.appKeyId !== null) return { canDecide: false, notice: 'Log in with your password to decide.' };
  if (!hasPermission(identity, 'PLUGIN_APPKEYS_GRANT')) return { canDecide: false, notice: 'Your account may not give apps access. Ask an administrator, or log in as another user.' };
  const timeout = services.config.config.accessControl.defaultReauthenticationTimeout;
  if (!hasFreshCredentials(identity, services.now(), timeout)) return { canDecide: false, notice: 'Please enter your password again to decide.' };
  return { canDecide: true, notice: null };
}

function choicesFor(request: FastifyRequest, pending: DialogRequest): DialogChoice[] {
  const keys = pending.permissions ?? [...request.identity.permissions];
  return keys.map((key) => ({ key, name: permissionName(key) }));
}

export function registerAppKeysDialogRoutes(app: FastifyInstance, services: HttpServices, appKeys: AppKeysService): void {
  app.get('/plugin/appkeys/auth/:appToken', { config: { permission: 'none' } }, async (request, reply: FastifyReply) => {
    refuseDuringFirstRun(services);
    const appToken = (request.params as { appToken: string }).appToken;
    reply.header('Cache-Control', 'no-store');
    const pending = appKeys.dialogRequest(appToken);
    if (!pending) return reply.code(404).type('text/html; charset=utf-8').send(renderGonePage());
    const root = request.origin.scriptRoot;
    const state = viewerState(request, services, pending);
    const view: DialogView = {
      app: pending.app,
      remoteAddress: pending.remoteAddress,
      requestedUser: pending.user,
      mode: state.canDecide ? 'decide' : 'login',
      notice: state.notice,
      loginName: pending.user ?? request.identity.name ?? '',
      choices: state.canDecide ? choicesFor(request, pending) : [],
      scoped: pending.permissions !== null,
      decideUrl: `${root}/plugin/appkeys/auth/${encodeURIComponent(appToken)}`,
      loginUrl: `${root}/api/login`,
      scriptUrl: `${root}${SCRIPT_PATH}`,
      cookieSuffix: cookieSuffix(request.origin),
    };
    // The page's script sends this back in X-CSRF-Token when it logs in or decides.
    setCsrfCookie(request, reply);
    return reply.code(200).type('text/html; charset=utf-8').send(renderDialogPage(view));
  });

  app.post('/plugin/appkeys/auth/:appToken', { config: { permission: 'PLUGIN_APPKEYS_GRANT' } }, async (request, reply) => {
    refuseDuringFirstRun(services);
    const body = decisionOf(request);
    const decider = requireDecider(request, services);
    const appToken = (request.params as { appToken: string }).appToken;
    appKeys.decideForApp(appToken, decider, body.decision, { permissions: body.permissions, expiresIn: body.expiresIn });
    return noContent(reply);
  });

  app.get(SCRIPT_PATH, { config: { permission: 'none' } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(AUTH_DIALOG_SCRIPT),
  );
}
