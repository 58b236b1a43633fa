// GET /plugin/discovery/discovery.xml: the UPnP device description of OctoPrint's discovery plugin.
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { S } from '../openapi/json-schema.js';
import { deviceDescriptionXml, instanceName } from '../discovery/discovery-info.js';
import { httpErrors } from '../errors.js';
import type { HttpServices } from '../services.js';

export function registerDiscoveryRoutes(app: FastifyInstance, services: HttpServices): void {
  app.get(
    '/plugin/discovery/discovery.xml',
    {
      config: { permission: 'none' },
      schema: {
        summary: 'UPnP device description (SSDP); 404 while discovery is off',
        produces: ['application/xml'],
        response: {
          200: S.string({
            examples: [
              deviceDescriptionXml({
                friendlyName: 'Argonaut instance "Workshop"',
                uuid: '6a1f0f64-0d3e-4d55-9a5c-6f1c5a3e2b10',
                presentationUrl: 'http://octopi.local/',
              }),
            ],
          }),
        },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const config = services.config.config;
      const uuid = config.plugins.discovery.upnpUuid;
      if (!config.plugins.discovery.enabled || !uuid) throw httpErrors.notFound();
      const xml = deviceDescriptionXml({
        friendlyName: instanceName(config, hostname()),
        uuid,
        presentationUrl: `${request.origin.baseUrl}/`,
      });
      return reply.type('application/xml').send(xml);
    },
  );
}
