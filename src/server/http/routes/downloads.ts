// GET /downloads/files/local/<path>: streams a stored file as an attachment, with single-range support.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { contentTypeOf, parseStoragePath } from '../../../files/index.js';
import { HttpError, httpErrors } from '../errors.js';

import type { HttpServices } from '../services.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Parses a `Range` header against a file size: a range, 'unsatisfiable', or null to send the whole file
 * (no header, another unit, several ranges, or a malformed value — all allowed to be ignored by RFC 9110).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return 'unsatisfiable';
  return { start, end };
}

/** `attachment` with the percent-encoded name in both forms, as OctoPrint sends it (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${encoded}"; filename*=UTF-8''${encoded}`;
}

export function registerDownloadRoutes(app: FastifyInstance, services: HttpServices): void {
  app.get<{ Params: { '*': string } }>(
    '/downloads/files/local/*',
    { config: { permission: 'FILES_DOWNLOAD' } },
    async (request, reply) => {
      const path = request.params['*'];
      if (!parseStoragePath(path)) throw httpErrors.notFound();
      const file = await services.files.getFile(path);
      if (!file) throw httpErrors.notFound();
      const range = parseRange(request.headers.range, file.size);
      if (range === 'unsatisfiable') {
        throw new HttpError(416, 'Requested range not satisfiable', { 'Content-Range': `bytes */${file.size}` });
      }
      reply
        .header('Content-Type', contentTypeOf(file.name))
        .header('Content-Disposition', contentDisposition(file.name))
        .header('Accept-Ranges', 'bytes')
        .header('Last-Modified', new Date(file.date * 1000).toUTCString())
        .header('Cache-Control', 'no-cache');
      // O_NOFOLLOW: a symlink swapped in after the check above is refused rather than followed.
      let handle: FileHandle;
      try {
        handle = await open(services.files.absolutePath(path), constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        throw httpErrors.notFound();
      }
      if (range) {
        reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`).header('Content-Length', range.end - range.start + 1);
        return reply.send(handle.createReadStream({ start: range.start, end: range.end }));
      }
      reply.header('Content-Length', file.size);
      return reply.send(handle.createReadStream());
    },
  );
}
