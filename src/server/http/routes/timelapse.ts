// GET /api/timelapse: Argonaut records no timelapses, so the list is empty and timelapses are off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { S } from '../openapi/json-schema.js';

import { isTruthy } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { etagOf, revalidate } from '../settings/conditional-get.js';
import { documentOnly } from './openapi.js';

const TimelapseList = S.object(
  {
    config: S.object({ type: S.literal('off') }),
    enabled: S.boolean(),
    files: S.array(S.object({ name: S.string(), size: S.string(), date: S.string(), url: S.string() }, { additionalProperties: true })),
    unrendered: S.optional(S.array(S.object({ name: S.string() }, { additionalProperties: true }))),
  },
  { examples: [{ config: { type: 'off' }, enabled: false, files: [] }] },
);

export function registerTimelapseRoutes(app: FastifyInstance, services: HttpServices): void {
  const since = services.now();
  app.get(
    '/api/timelapse',
    {
      ...documentOnly,
      config: { permission: 'TIMELAPSE_LIST' },
      schema: {
        summary: 'List timelapses (always empty: timelapses are not recorded)',
        querystring: S.object({ unrendered: S.optional(S.string()), force: S.optional(S.string()) }, { additionalProperties: true }),
        response: { 200: TimelapseList },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Record<string, unknown>;
      const body: Record<string, unknown> = { config: { type: 'off' }, enabled: false, files: [] };
      if (isTruthy(query.unrendered)) body.unrendered = [];
      if (revalidate(request, reply, { etag: etagOf(body), lastModified: since }, isTruthy(query.force))) return reply;
      return reply.type('application/json').send(body);
    },
  );
}
