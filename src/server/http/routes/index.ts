// Every route module of the API, registered in one place.
import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.js';
import { registerVersionRoutes } from './version.js';

export async function registerRoutes(app: FastifyInstance, _services: HttpServices): Promise<void> {
  registerVersionRoutes(app);
}
