// Every files route (listing, upload, commands, delete, downloads) plus OctoPrint's POST /api/files/test helper.
import type { FastifyInstance } from 'fastify';
import { joinStoragePath, sanitizeName, sanitizeUserPath } from '../../../files/index.js';
import { httpErrors } from '../errors.js';

import { removeStaleUploads } from '../multipart/receive-multipart.js';
import { jsonCommand } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { registerDownloadRoutes } from './downloads.js';
import { registerCommandRoutes } from './files-commands.js';
import { registerListingRoutes } from './files-listing.js';
import { registerUploadRoutes } from './files-upload.js';

function sanitized(data: Record<string, unknown>): { folder: string[]; name: string } {
  if (data.storage !== 'local') throw httpErrors.badRequest('storage is invalid');
  if (typeof data.path !== 'string' || typeof data.filename !== 'string') throw httpErrors.badRequest('path and filename must be strings');
  try {
    return { folder: sanitizeUserPath(data.path), name: sanitizeName(data.filename) };
  } catch {
    throw httpErrors.badRequest('invalid file name');
  }
}

function registerTestCommand(app: FastifyInstance, services: HttpServices): void {
  const valid = { sanitize: ['storage', 'path', 'filename'], exists: ['storage', 'path', 'filename'] } as const;
  app.post('/api/files/test', { config: { permission: 'FILES_LIST' } }, async (request) => {
    const { command, data } = jsonCommand(request, valid);
    const { folder, name } = sanitized(data);
    if (command === 'sanitize') return { sanitized: joinStoragePath([...folder, name]) };
    const existing = await services.files.getFile(joinStoragePath([...folder, name]));
    if (!existing) return { exists: false };
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let suggestion = name;
    for (let counter = 1; (await services.files.kindOf(joinStoragePath([...folder, suggestion]))) !== null; counter += 1) {
      suggestion = `${stem}_${counter}${extension}`;
    }
    // Size and date of the file there, as OctoPrint tells them.
    return { exists: true, suggestion, size: existing.size, date: existing.date };
  });
}

export async function registerFilesRoutes(app: FastifyInstance, services: HttpServices): Promise<void> {
  await removeStaleUploads(services.basedir.temp);
  registerTestCommand(app, services);
  registerListingRoutes(app, services);
  registerUploadRoutes(app, services);
  registerCommandRoutes(app, services);
  registerDownloadRoutes(app, services);
}
