// GET /api/slicing: Argonaut has no slicers, so the map of slicers is empty (slicer paths below it answer 404).
import type { FastifyInstance } from 'fastify';

export function registerSlicingRoutes(app: FastifyInstance): void {
  app.get('/api/slicing', { config: { permission: 'SLICE' } }, async () => ({}));
}
