// Authentication step of the pipeline: finds the API key and cookies, asks the authenticator for an Identity.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessControlDisabledIdentity, cookieSuffix } from '../../../auth/index.js';
import type { RequestOrigin } from '../../../auth/index.js';
import type { HttpServices } from '../services.js';

/** The API key in OctoPrint's order: `apikey` value (query or form), `X-Api-Key`, `Authorization: Bearer`. */
export function extractApiKey(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const fromValues = query?.apikey ?? (body && typeof body === 'object' && !Array.isArray(body) ? body.apikey : undefined);
  if (typeof fromValues === 'string' && fromValues.length > 0) return fromValues;
  const header = request.headers['x-api-key'];
  const headerValue = Array.isArray(header) ? header[0] : header;
  if (headerValue) return headerValue;
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

/** Cookies with this server's suffix, named without it (`session_P5000` → `session`). */
export function suffixedCookies(request: FastifyRequest, origin: RequestOrigin): Record<string, string> {
  const suffix = cookieSuffix(origin);
  const result: Record<string, string> = {};
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  for (const [name, value] of Object.entries(cookies)) {
    if (value !== undefined && name.endsWith(suffix)) result[name.slice(0, -suffix.length)] = value;
  }
  return result;
}

export function registerAuthentication(app: FastifyInstance, services: HttpServices): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!services.config.config.accessControl.enabled) {
      request.identity = accessControlDisabledIdentity();
      return;
    }
    request.identity = await services.authenticator.authenticate({
      origin: request.origin,
      apiKey: extractApiKey(request),
      cookies: suffixedCookies(request, request.origin),
      now: services.now(),
    });
  });
}
