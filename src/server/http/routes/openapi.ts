// GET /api/openapi.json: an OpenAPI 3.1 document of every registered route, built from the route schemas.
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { ARGONAUT_VERSION, OCTOPRINT_SERVER_VERSION } from '../../../shared/index.js';
import { renderReferencePage } from '../openapi/reference-page.js';

/** Route option that serialises with JSON.stringify: response schemas then only document, never strip fields. */
export const documentOnly = {
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
};

/** The tag of a route in the document: its API area (`/api/system/commands` → `system`). */
export function tagFor(url: string): string {
  const parts = url.split('/').filter((part) => part.length > 0);
  if (parts[0] === 'api' && parts[1] === 'plugin' && parts[2]) return parts[2];
  if (parts[0] === 'api' && parts[1]) return parts[1];
  if (parts[0] === 'plugin' && parts[1]) return parts[1];
  if (parts[0] === 'sockjs') return 'push';
  if (parts[0] === 'downloads') return 'downloads';
  return 'misc';
}

const AUTHENTICATED: ReadonlyArray<Record<string, readonly string[]>> = [{ apiKey: [] }, { bearer: [] }, { session: [] }];

/** Adds the documented permission (`x-permission`), a tag and the accepted credentials to a route's operation. */
function describeRoute({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): { schema: FastifySchema; url: string } {
  const permission = route.config?.permission ?? 'unspecified';
  // Every route is listed, including those a plugin hides by default (e.g. @fastify/static's file routes).
  const { hide: _hidden, ...visible } = schema ?? {};
  const described: FastifySchema & Record<string, unknown> = { ...visible, 'x-permission': permission };
  if (!described.tags || described.tags.length === 0) described.tags = [tagFor(url)];
  if (!described.security && permission !== 'none') described.security = AUTHENTICATED;
  return { schema: described, url };
}

/**
 * Starts collecting routes for the document. Call it before any route is registered: it sees every route
 * registered afterwards, whoever registers it, through fastify's onRoute hook.
 */
export async function registerOpenApiCollector(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Argonaut API (OctoPrint-compatible)',
        version: ARGONAUT_VERSION,
        description:
          `The REST API of Argonaut, compatible with OctoPrint ${OCTOPRINT_SERVER_VERSION}. ` +
          'Each operation names the permission it needs in `x-permission`: a permission key, `none` (open), ' +
          '`own-or-admin` (the user themself, or an admin), or `per-command` (depends on the command in the body).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'A user or application key.' },
          bearer: { type: 'http', scheme: 'bearer', description: 'The same key as `Authorization: Bearer <key>`.' },
          session: { type: 'apiKey', in: 'cookie', name: 'session_P5000', description: 'Browser login session (cookie name ends in _P<port>); writes also need the X-CSRF-Token header.' },
        },
      },
    },
    transform: describeRoute,
  });
}

export function registerOpenApiRoutes(app: FastifyInstance): void {
  app.get(
    '/api/openapi.json',
    {
      config: { permission: 'none' },
      schema: { summary: 'This OpenAPI 3.1 document', tags: ['openapi'] },
    },
    async (_request, reply) => reply.type('application/json').send(JSON.stringify(app.swagger())),
  );
  app.get(
    '/api/openapi.html',
    {
      config: { permission: 'none' },
      schema: { summary: 'The same document as a readable HTML reference', tags: ['openapi'], produces: ['text/html'] },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderReferencePage(app.swagger() as unknown as Record<string, unknown>)),
  );
}
