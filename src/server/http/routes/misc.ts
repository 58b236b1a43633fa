// Connectivity checks (GET /online.txt and /online.gif) and robots.txt answer without login, as OctoPrint's do.
import type { FastifyInstance } from 'fastify';
import { S } from '../openapi/json-schema.js';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function registerMiscRoutes(app: FastifyInstance): void {
  app.get(
    '/online.txt',
    {
      config: { permission: 'none' },
      schema: { summary: 'Liveness check (text)', produces: ['text/plain'], response: { 200: S.string({ examples: ['online\n'] }) } },
    },
    async (_request, reply) => reply.type('text/plain; charset=utf-8').send('online\n'),
  );
  app.get(
    '/robots.txt',
    { config: { permission: 'none' }, schema: { summary: 'Asks search engines to stay away', produces: ['text/plain'], response: { 200: S.string() } } },
    async (_request, reply) => reply.type('text/plain; charset=utf-8').header('Content-Disposition', 'inline; filename=robots.txt').send('User-agent: *\nDisallow: /\n'),
  );
  app.get(
    '/online.gif',
    {
      config: { permission: 'none' },
      schema: { summary: 'Liveness check (a transparent 1×1 GIF)', produces: ['image/gif'], response: { 200: S.string({ contentMediaType: 'image/gif', contentEncoding: 'binary' }) } },
    },
    async (_request, reply) => reply.type('image/gif').send(PIXEL),
  );
}
