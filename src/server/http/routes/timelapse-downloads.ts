// GET /downloads/timelapse/<name>: streams a rendered movie, with single-range support (players seek with Range).
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { HttpError, httpErrors } from '../errors.js';

import type { HttpServices } from '../services.js';
import { contentDisposition, parseRange } from './downloads.js';

const TYPES: Record<string, string> = { mp4: 'video/mp4', m4v: 'video/mp4', mpg: 'video/mpeg', mpeg: 'video/mpeg', mkv: 'video/x-matroska' };

export function registerTimelapseDownloadRoutes(app: FastifyInstance, services: HttpServices): void {
  app.get<{ Params: { name: string } }>(
    '/downloads/timelapse/:name',
    { config: { permission: 'TIMELAPSE_DOWNLOAD' } },
    async (request, reply) => {
      const file = await services.timelapse?.moviePath(request.params.name);
      if (!file) throw httpErrors.notFound();
      let handle: FileHandle;
      try {
        // O_NOFOLLOW: a symlink swapped in after the check is refused rather than followed.
        handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        throw httpErrors.notFound();
      }
      const info = await handle.stat();
      const range = parseRange(request.headers.range, info.size);
      if (range === 'unsatisfiable') {
        await handle.close();
        throw new HttpError(416, 'Requested range not satisfiable', { 'Content-Range': `bytes */${info.size}` });
      }
      const extension = request.params.name.split('.').pop()?.toLowerCase() ?? '';
      reply
        .header('Content-Type', TYPES[extension] ?? 'application/octet-stream')
        .header('Content-Disposition', contentDisposition(request.params.name))
        .header('Accept-Ranges', 'bytes')
        .header('Last-Modified', info.mtime.toUTCString())
        .header('Cache-Control', 'no-cache');
      if (range) {
        reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`).header('Content-Length', range.end - range.start + 1);
        return reply.send(handle.createReadStream({ start: range.start, end: range.end }));
      }
      reply.header('Content-Length', info.size);
      return reply.send(handle.createReadStream());
    },
  );
}
