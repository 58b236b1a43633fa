// GET /api/slicing: Argonaut has no slicers, so the map of slicers is empty (slicer paths below it answer 404).
import type { FastifyInstance } from 'fastify';
import { permissionHook } from '../middleware/permissions.js';

export function registerSlicingRoutes(app: FastifyInstance): void {
  app.get('/api/slicing', { config: { permission: 'SLICE' }, preHandler: permissionHook('SLICE') }, async () => ({}));
}
