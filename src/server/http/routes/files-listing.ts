// GET /api/files, /api/files/<origin> and /api/files/<origin>/<path>: listings and single records.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseStoragePath } from '../../../files/index.js';
import { HttpError, MESSAGES } from '../errors.js';
import { permissionHook } from '../middleware/permissions.js';
import { isTruthy } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { JobsView } from './files-jobs.js';
import { entryRecord } from './files-records.js';
import { sdCardFiles } from './files-sdcard.js';

type Query = Record<string, string | undefined>;

const LIST = { config: { permission: 'FILES_LIST' as const }, preHandler: permissionHook('FILES_LIST') };

export function registerListingRoutes(app: FastifyInstance, services: HttpServices): void {
  const sdcard = sdCardFiles(services, new JobsView(services.jobs));

  async function localListing(request: FastifyRequest<{ Querystring: Query }>): Promise<Record<string, unknown>> {
    const recursive = isTruthy(request.query.recursive);
    const filter = request.query.filter || undefined;
    const [entries, usage] = await Promise.all([
      services.files.list('', { recursive, ...(filter ? { filter } : {}) }),
      services.files.usage(),
    ]);
    const baseUrl = request.origin.baseUrl;
    return { files: entries.map((entry) => entryRecord(entry, baseUrl)), free: usage.free, total: usage.total };
  }

  app.get<{ Querystring: Query }>('/api/files', LIST, async (request) => {
    const local = await localListing(request);
    return { ...local, files: [...(local.files as unknown[]), ...sdcard.records(request.origin.baseUrl)] };
  });

  app.get<{ Params: { origin: string }; Querystring: Query }>('/api/files/:origin', LIST, async (request) => {
    const origin = request.params.origin;
    if (origin === 'local') return localListing(request);
    if (origin === 'sdcard') return { files: sdcard.records(request.origin.baseUrl) };
    throw new HttpError(404, MESSAGES.notFound);
  });

  app.get<{ Params: { origin: string; '*': string }; Querystring: Query }>('/api/files/:origin/*', LIST, async (request) => {
    const path = request.params['*'];
    if (request.params.origin === 'sdcard') {
      const record = sdcard.record(path, request.origin.baseUrl);
      if (!record) throw new HttpError(404, MESSAGES.notFound);
      return record;
    }
    if (request.params.origin !== 'local') throw new HttpError(404, MESSAGES.notFound);
    if (!parseStoragePath(path)) throw new HttpError(404, MESSAGES.notFound);
    const entry = await services.files.getEntry(path, { recursive: isTruthy(request.query.recursive) });
    if (!entry) throw new HttpError(404, MESSAGES.notFound);
    return entryRecord(entry, request.origin.baseUrl);
  });
}
