// Refuses query strings that carry the field names upload proxies reserve (`file.path`, ...) on every route.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { httpErrors } from '../errors.js';
import { RESERVED_FIELD_MESSAGE, isReservedUploadField } from '../multipart/reserved-fields.js';

export function registerReservedQueryCheck(app: FastifyInstance): void {
  // Synchronous; most requests have no query string at all.
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!request.url.includes('?')) return done();
    const query = request.query;
    if (typeof query === 'object' && query !== null && Object.keys(query).some(isReservedUploadField)) {
      return done(httpErrors.badRequest(RESERVED_FIELD_MESSAGE));
    }
    return done();
  });
}
