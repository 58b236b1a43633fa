// Argonaut extensions for print farms: GET /api/argonaut/printers (every printer of every host sharing the store) and GET /api/argonaut/store (whether that store answers).
import type { FastifyInstance } from 'fastify';

import { S } from '../openapi/json-schema.js';
import type { HttpServices } from '../services.js';

const Printer = S.object({
  hostId: S.string({ description: 'The host that drives the printer (accessControl.hostId).' }),
  printerId: S.string(),
  name: S.string(),
  state: S.record(S.unknown(), { description: 'Summary: state text and flags, job file, completion, time left.' }),
  baseUrl: S.string({ description: "The driving host's address; its OctoPrint-compatible API is below it." }),
  updatedAt: S.integer({ description: 'When the host last refreshed the entry (ms since the epoch).' }),
  offline: S.boolean({ description: 'The host has not refreshed the entry lately.' }),
});

const Status = S.object({
  kind: S.union([S.literal('files'), S.literal('postgresql')]),
  connected: S.boolean(),
  unreachableSince: S.nullable(S.integer()),
  graceUntil: S.nullable(S.integer()),
  expired: S.boolean({ description: 'Unreachable longer than the grace time: credentials are refused until it is back.' }),
});

export function registerFarmRoutes(app: FastifyInstance, services: HttpServices): void {
  const farm = services.farm;
  if (!farm) return;
  app.get(
    '/api/argonaut/printers',
    {
      config: { permission: 'STATUS' },
      schema: {
        summary: 'Every printer of every host sharing the access-control store (Argonaut extension)',
        response: {
          200: S.object(
            { printers: S.array(Printer) },
            { examples: [{ printers: [{ hostId: 'farm-1', printerId: 'default', name: 'Prusa 1', state: { text: 'Printing', completion: 42.5 }, baseUrl: 'http://farm-1:5000/', updatedAt: 1765150000000, offline: false }] }] },
          ),
        },
      },
    },
    async () => ({ printers: await farm.printers() }),
  );
  app.get(
    '/api/argonaut/store',
    {
      config: { permission: 'STATUS' },
      schema: {
        summary: 'Where users and keys live and whether that store answers (Argonaut extension)',
        response: { 200: S.object({ store: Status }, { examples: [{ store: { kind: 'postgresql', connected: true, unreachableSince: null, graceUntil: null, expired: false } }] }) },
      },
    },
    async () => ({ store: farm.status() }),
  );
}
