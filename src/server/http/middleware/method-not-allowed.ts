// Tells 404 from 405: keeps a second router of every registered route to see if the path exists for another method.
import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';
import type { HTTPMethod } from 'find-my-way';

const METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface RouteIndex {
  /** Methods registered for this concrete path (empty when none). */
  allowedMethods(path: string): string[];
}

export function trackRoutes(app: FastifyInstance): RouteIndex {
  const router = FindMyWay({ ignoreDuplicateSlashes: true, ignoreTrailingSlash: false });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!METHODS.includes(method as HTTPMethod)) continue;
      try {
        router.on(method as HTTPMethod, route.url, () => undefined);
      } catch {
        // The same path twice (e.g. GET and HEAD) is fine.
      }
    }
  });
  return {
    allowedMethods(path: string): string[] {
      const clean = path.split('?')[0] ?? path;
      return METHODS.filter((method) => router.find(method, clean) !== null);
    },
  };
}
