// GET /api/version and GET /api/server: what slicers check before anything else.
import type { FastifyInstance } from 'fastify';
import { OCTOPRINT_API_VERSION, OCTOPRINT_SERVER_VERSION, VERSION_TEXT } from '../../../shared/index.js';

export function registerVersionRoutes(app: FastifyInstance): void {
  app.get('/api/version', { config: { permission: 'STATUS' } }, async () => ({
    api: OCTOPRINT_API_VERSION,
    server: OCTOPRINT_SERVER_VERSION,
    text: VERSION_TEXT,
  }));
  app.get('/api/server', { config: { permission: 'STATUS' } }, async () => ({
    version: OCTOPRINT_SERVER_VERSION,
    safemode: null,
  }));
}
