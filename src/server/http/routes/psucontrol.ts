// GET/POST /api/plugin/psucontrol: PSU Control's API (getPSUState, turnPSUOn, turnPSUOff, togglePSU), as OctoApp, Cura and OctoFarm call it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission } from '../../../auth/index.js';
import type { PermissionKey } from '../../../auth/index.js';
import { httpErrors } from '../errors.js';
import { jsonCommand, noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';

/** What the route needs of power control (src/app/power). */
export interface PowerApi {
  /** plugins.psucontrol.enabled: without it the plugin is absent (404). */
  readonly enabled: boolean;
  readonly isOn: boolean;
  turnOn(): Promise<void>;
  turnOff(): Promise<void>;
  toggle(): Promise<void>;
}

const COMMANDS = { turnPSUOn: [], turnPSUOff: [], togglePSU: [], getPSUState: [] } as const;

/** The plugin's own refusal: 403 with a plain text body (not OctoPrint's JSON error). */
function insufficientRights(reply: FastifyReply): FastifyReply {
  return reply.code(403).type('text/html; charset=utf-8').send('Insufficient rights');
}

export function registerPsuControlRoutes(app: FastifyInstance, services: HttpServices): void {
  const power = (): PowerApi => {
    const found = services.power;
    if (!found?.enabled) throw httpErrors.notFound();
    return found;
  };
  const state = (reply: FastifyReply, api: PowerApi): FastifyReply => reply.type('application/json').send({ isPSUOn: api.isOn });
  const may = (request: FastifyRequest, permission: PermissionKey): boolean => hasPermission(request.identity, permission);

  app.get('/api/plugin/psucontrol', { config: { permission: 'STATUS', permissionCheck: 'handler' } }, async (request, reply) => {
    // The caller's rights first, so a disabled plugin reveals nothing to those who may not see it anyway.
    if (!may(request, 'STATUS')) return insufficientRights(reply);
    return state(reply, power());
  });

  app.post('/api/plugin/psucontrol', { config: { permission: 'per-command' } }, async (request, reply) => {
    const { command } = jsonCommand(request, COMMANDS);
    if (command === 'getPSUState') {
      if (!may(request, 'STATUS')) return insufficientRights(reply);
      return state(reply, power());
    }
    if (!may(request, 'PLUGIN_PSUCONTROL_CONTROL')) return insufficientRights(reply);
    const api = power();
    services.logger.info({ user: request.identity.name, command }, 'power control requested');
    if (command === 'turnPSUOn') await api.turnOn();
    else if (command === 'turnPSUOff') await api.turnOff();
    else await api.toggle();
    return noContent(reply);
  });
}
