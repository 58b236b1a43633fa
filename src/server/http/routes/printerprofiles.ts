// /api/printerprofiles: list, read, create, update and delete printer profiles (printerProfiles/<id>.profile).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PrinterProfile, PrinterService } from '../../../printer/index.js';
import { mergeDeep } from '../../../printer/index.js';
import { httpErrors } from '../errors.js';

import { isTruthy, jsonBody, noContent, requestValues } from '../request-helpers.js';
import { etagOf, revalidate } from '../settings/conditional-get.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function registerPrinterProfileRoutes(app: FastifyInstance, printer: PrinterService): void {
  const { profiles } = printer;

  function convert(request: FastifyRequest, profile: PrinterProfile) {
    return {
      ...profile,
      default: profile.id === profiles.defaultId(),
      current: profile.id === profiles.readCurrentOrDefault().id,
      resource: `${request.origin.baseUrl}/api/printerprofiles/${encodeURIComponent(profile.id)}`,
    };
  }

  function profileOf(request: FastifyRequest): Record<string, unknown> {
    const body = jsonBody(request);
    if (!isObject(body.profile)) throw httpErrors.badRequest('profile is missing');
    return body.profile;
  }

  // Conditional GET as OctoPrint's: ETag and Last-Modified, 304 while they hold (`force=true` skips the check).
  app.get('/api/printerprofiles', { config: { permission: 'CONNECTION' } }, async (request, reply: FastifyReply) => {
    const result: Record<string, unknown> = {};
    for (const [id, profile] of Object.entries(profiles.all())) result[id] = convert(request, profile);
    const body = { profiles: result };
    const validators = { etag: etagOf(body), lastModified: profiles.lastModified };
    if (revalidate(request, reply, validators, isTruthy(requestValues(request).force))) return reply;
    return body;
  });

  app.get<{ Params: { id: string } }>(
    '/api/printerprofiles/:id',
    { config: { permission: 'CONNECTION' } },
    async (request) => {
      const profile = profiles.get(request.params.id);
      if (!profile) throw httpErrors.notFound();
      return convert(request, profile);
    },
  );

  app.post('/api/printerprofiles', { config: { permission: 'SETTINGS' } }, async (request) => {
    const body = jsonBody(request);
    const requested = profileOf(request);
    const basedOn = typeof body.basedOn === 'string' ? profiles.get(body.basedOn) : null;
    const base: Record<string, unknown> = { ...(basedOn ?? profiles.getDefault()) };
    delete base.id;
    delete base.name;
    const makeDefault = 'default' in requested && requested.default !== false;
    const { default: _ignored, ...fields } = requested;
    const merged = mergeDeep(base, fields) as Record<string, unknown>;
    if (typeof merged.id !== 'string' || merged.id === '') throw httpErrors.badRequest("Profile does not contain mandatory 'id' field");
    if (typeof merged.name !== 'string') throw httpErrors.badRequest("Profile does not contain mandatory 'name' field");
    const saved = await saveOr400(() => profiles.save(merged, { allowOverwrite: false, makeDefault }));
    return { profile: convert(request, saved) };
  });

  app.patch<{ Params: { id: string } }>(
    '/api/printerprofiles/:id',
    { config: { permission: 'SETTINGS' } },
    async (request) => {
      const requested = profileOf(request);
      const existing = profiles.get(request.params.id) ?? profiles.getDefault();
      const makeDefault = 'default' in requested && requested.default !== false;
      const { default: _ignored, ...fields } = requested;
      const merged = { ...(mergeDeep(existing, fields) as Record<string, unknown>), id: request.params.id };
      const saved = await saveOr400(() => profiles.save(merged, { allowOverwrite: true, makeDefault }));
      return { profile: convert(request, saved) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/printerprofiles/:id',
    { config: { permission: 'SETTINGS' } },
    async (request, reply: FastifyReply) => {
      const id = request.params.id;
      if (profiles.currentId() === id) throw httpErrors.conflict(`Cannot delete currently selected profile: ${id}`);
      if (profiles.defaultId() === id) throw httpErrors.conflict('Cannot delete default profile');
      if (profiles.exists(id)) profiles.remove(id);
      return noContent(reply);
    },
  );
}

/** OctoPrint answers 400 for invalid profiles and for refused overwrites. */
async function saveOr400(save: () => Promise<PrinterProfile>): Promise<PrinterProfile> {
  try {
    return await save();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    // OctoPrint's words for a profile it cannot take.
    if (code === 'invalid' && message.startsWith('Profile is invalid')) throw httpErrors.badRequest('profile is invalid');
    if (code === 'invalid' || code === 'conflict') throw httpErrors.badRequest(message);
    throw error;
  }
}
