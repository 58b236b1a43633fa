// Helpers route handlers share: JSON bodies as OctoPrint reads them, commands, lenient booleans, 204s.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MalformedJson } from './body-parsers.js';
import { MESSAGES, httpErrors } from './errors.js';

/** OctoPrint's valid_boolean_trues: true, "true", "yes", "y", "1", 1 (case-insensitive). */
export function isTruthy(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (typeof value !== 'string') return false;
  return ['true', 'yes', 'y', '1'].includes(value.trim().toLowerCase());
}

export function isJsonContentType(request: FastifyRequest): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** The JSON object body of a JSON endpoint: 415 without a JSON Content-Type, 400 when not an object. */
export function jsonBody(request: FastifyRequest): Record<string, unknown> {
  if (!isJsonContentType(request)) throw httpErrors.unsupportedType();
  const body = request.body;
  if (body instanceof MalformedJson) throw httpErrors.badRequest(MESSAGES.badJson);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw httpErrors.badRequest('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** A JSON command body: `{command, ...}` with the command among `valid` and its mandatory parameters present. */
export function jsonCommand<C extends string>(
  request: FastifyRequest,
  valid: Record<C, readonly string[]>,
): { command: C; data: Record<string, unknown> } {
  const data = jsonBody(request);
  const command = data.command;
  if (typeof command !== 'string' || !Object.prototype.hasOwnProperty.call(valid, command)) {
    throw httpErrors.badRequest(MESSAGES.commandInvalid);
  }
  const mandatory = valid[command as C];
  if (mandatory.some((name) => !(name in data))) throw httpErrors.badRequest(MESSAGES.mandatoryMissing);
  return { command: command as C, data };
}

/** Body values the way OctoPrint's `request.values` sees them: form or JSON body, then query string. */
export function requestValues(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body;
  const fromBody = typeof body === 'object' && body !== null && !Array.isArray(body) && !(body instanceof MalformedJson) ? (body as Record<string, unknown>) : {};
  return { ...query, ...fromBody };
}

/** OctoPrint's NO_CONTENT: 204 with an empty text/plain body. */
export function noContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).type('text/plain').send('');
}
