// CORS as OctoPrint does it: off by default; when on, echo the Origin, answer preflights, never allow credentials.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServices } from '../services.js';

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/plugin/') || url.startsWith('/downloads/');
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function registerCors(app: FastifyInstance, services: HttpServices): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!services.config.config.api.allowCrossOrigin || !isApiPath(request.url)) return;
    const origin = headerText(request.headers.origin);
    if (request.method === 'OPTIONS') {
      if (origin) {
        reply.header('Access-Control-Allow-Origin', origin);
        reply.header('Vary', 'Origin');
      }
      const method = headerText(request.headers['access-control-request-method']);
      const headers = headerText(request.headers['access-control-request-headers']);
      if (method) reply.header('Access-Control-Allow-Methods', method);
      if (headers) reply.header('Access-Control-Allow-Headers', headers);
      reply.header('Access-Control-Max-Age', '10');
      return reply.code(200).type('text/plain').send('');
    }
    if (origin) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Vary', 'Origin');
    }
    return undefined;
  });
}
