// GET /api/files, /api/files/<origin> and /api/files/<origin>/<path>: listings and single records, with ETag/304.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseStoragePath } from '../../../files/index.js';
import { httpErrors } from '../errors.js';

import { isTruthy } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { JobsView } from './files-jobs.js';
import { entryRecord } from './files-records.js';
import { sdCardFiles } from './files-sdcard.js';

type Query = Record<string, string | undefined>;
type ListRequest = FastifyRequest<{ Querystring: Query }>;

const LIST = { config: { permission: 'FILES_LIST' as const } };

/**
 * OctoPrint's revalidation: an ETag over the file records (free space left out, as in OctoPrint), and 304 when the
 * client already has them, unless it asks with `force` or `_refresh`.
 */
function sendWithRevalidation(request: ListRequest, reply: FastifyReply, body: Record<string, unknown>, files: unknown): FastifyReply {
  const etag = `"${createHash('sha1').update(JSON.stringify(files)).digest('hex')}"`;
  reply.header('ETag', etag);
  const bypass = isTruthy(request.query.force) || isTruthy(request.query._refresh);
  const known = (request.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim());
  if (!bypass && known.includes(etag)) return reply.code(304).send();
  return reply.send(body);
}

export function registerListingRoutes(app: FastifyInstance, services: HttpServices): void {
  const sdcard = sdCardFiles(services, new JobsView(services.jobs));

  async function localFiles(request: ListRequest): Promise<unknown[]> {
    const filter = request.query.filter || undefined;
    const entries = await services.files.list('', { recursive: isTruthy(request.query.recursive), ...(filter ? { filter } : {}) });
    return entries.map((entry) => entryRecord(entry, request.origin.baseUrl));
  }

  async function listing(request: ListRequest, reply: FastifyReply, files: unknown[]): Promise<FastifyReply> {
    const usage = await services.files.usage();
    return sendWithRevalidation(request, reply, { files, free: usage.free, total: usage.total }, files);
  }

  app.get<{ Querystring: Query }>('/api/files', LIST, async (request, reply) => {
    const files = [...(await localFiles(request)), ...sdcard.records(request.origin.baseUrl)];
    return listing(request, reply, files);
  });

  app.get<{ Params: { origin: string }; Querystring: Query }>('/api/files/:origin', LIST, async (request, reply) => {
    const origin = request.params.origin;
    if (origin === 'local') return listing(request, reply, await localFiles(request));
    if (origin === 'sdcard') {
      const files = sdcard.records(request.origin.baseUrl);
      return sendWithRevalidation(request, reply, { files }, files);
    }
    throw httpErrors.notFound();
  });

  app.get<{ Params: { origin: string; '*': string }; Querystring: Query }>('/api/files/:origin/*', LIST, async (request, reply) => {
    const path = request.params['*'];
    if (request.params.origin === 'sdcard') {
      const record = sdcard.record(path, request.origin.baseUrl);
      if (!record) throw httpErrors.notFound();
      return sendWithRevalidation(request, reply, record, record);
    }
    if (request.params.origin !== 'local') throw httpErrors.notFound();
    if (!parseStoragePath(path)) throw httpErrors.notFound();
    const entry = await services.files.getEntry(path, { recursive: isTruthy(request.query.recursive) });
    if (!entry) throw httpErrors.notFound();
    const record = entryRecord(entry, request.origin.baseUrl);
    return sendWithRevalidation(request, reply, record, record);
  });
}
