// POST (select, unselect, slice, analyse, move, copy) and DELETE on /api/files/<origin>/<path>.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMachineCode, parseStoragePath } from '../../../files/index.js';
import { isArgonautError } from '../../../shared/index.js';
import { HttpError, MESSAGES } from '../errors.js';
import { requirePermission } from '../middleware/permissions.js';
import { isTruthy, jsonCommand, noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { JobsView } from './files-jobs.js';
import { sdCardFiles } from './files-sdcard.js';
import { registerTransferCommands } from './files-transfer.js';

type Params = { origin: string; '*': string };

const COMMANDS = { select: [], unselect: [], slice: [], analyse: [], copy: ['destination'], move: ['destination'] } as const;

function plainText(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(message);
}

/** The path of a request on local storage: 404 unless it is already in sanitised form (OctoPrint's `_validate`). */
export function localPath(request: FastifyRequest<{ Params: Params }>): string {
  const path = request.params['*'];
  if (request.params.origin !== 'local' || !parseStoragePath(path)) throw new HttpError(404, MESSAGES.notFound);
  return path;
}

export function registerCommandRoutes(app: FastifyInstance, services: HttpServices): void {
  const jobs = new JobsView(services.jobs);
  const transfer = registerTransferCommands(services, jobs);
  const sdcard = sdCardFiles(services, jobs);

  async function select(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, path: string, data: Record<string, unknown>) {
    requirePermission(request, 'FILES_SELECT');
    if ((await services.files.kindOf(path)) !== 'file') throw new HttpError(404, MESSAGES.notFound);
    if (!isMachineCode(path)) throw new HttpError(415, 'Cannot select file for printing, not a machinecode file');
    const service = jobs.service;
    if (!service || !jobs.isReady()) throw new HttpError(409, 'Printer is already printing, cannot select a new file');
    const print = isTruthy(data.print);
    if (print) requirePermission(request, 'PRINT');
    try {
      await service.select('local', path, { print, user: request.identity.name });
    } catch (error) {
      if (isArgonautError(error) && error.code === 'not-operational') {
        throw new HttpError(409, print ? 'Printer is not operational, cannot directly start printing' : 'Printer is not operational, cannot select a file');
      }
      if (isArgonautError(error) && error.code === 'conflict') throw new HttpError(409, 'Printer is already printing, cannot select a new file');
      throw error;
    }
    return noContent(reply);
  }

  function unselect(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, path: string) {
    requirePermission(request, 'FILES_SELECT');
    if (!jobs.isReady()) return plainText(reply, 409, 'Printer is already printing, cannot unselect current file');
    const selected = jobs.selected();
    if (!selected) return plainText(reply, 409, 'Cannot unselect current file when there is no file selected');
    if (path !== 'current' && path !== selected.path) return plainText(reply, 400, 'Only the currently selected file can be unselected');
    try {
      jobs.service?.unselect();
    } catch (error) {
      if (isArgonautError(error)) return plainText(reply, 409, 'Printer is already printing, cannot unselect current file');
      throw error;
    }
    return noContent(reply);
  }

  app.post<{ Params: Params }>('/api/files/:origin/*', { config: { permission: 'per-command' } }, async (request, reply) => {
    const { origin, '*': rawPath } = request.params;
    if (origin !== 'local' && origin !== 'sdcard') throw new HttpError(404, MESSAGES.notFound);
    // `current` names the selected file for unselect, whatever its name; SD names are the firmware's own.
    const path = rawPath === 'current' || origin === 'sdcard' ? rawPath : localPath(request);
    const { command, data } = jsonCommand(request, COMMANDS);
    if (origin === 'sdcard' && command !== 'unselect') return sdcard.command(request, reply, path, command, data);
    switch (command) {
      case 'select':
        return select(request, reply, path, data);
      case 'unselect':
        return unselect(request, reply, path);
      case 'slice':
        requirePermission(request, 'SLICE');
        if ((await services.files.kindOf(path)) !== 'file') throw new HttpError(404, MESSAGES.notFound);
        throw new HttpError(415, 'Cannot slice file, no slicer available');
      case 'analyse':
        requirePermission(request, 'FILES_UPLOAD');
        if ((await services.files.kindOf(path)) !== 'file') throw new HttpError(404, MESSAGES.notFound);
        if (!(await services.files.analyse(path))) throw new HttpError(400, 'No analysis possible');
        return noContent(reply);
      case 'copy':
      case 'move':
        return transfer(request, reply, command, path, data.destination);
    }
  });

  app.delete<{ Params: Params }>(
    '/api/files/:origin/*',
    { config: { permission: 'FILES_DELETE' } },
    async (request, reply) => {
      if (request.params.origin === 'sdcard') return sdcard.remove(request, reply, request.params['*']);
      const path = localPath(request);
      const kind = await services.files.kindOf(path);
      if (!kind) throw new HttpError(404, MESSAGES.notFound);
      if (kind === 'file' && jobs.isPrinting('local', path)) throw new HttpError(409, 'Trying to delete a file that is currently in use');
      if (kind === 'folder' && jobs.isPrintingWithin('local', path)) {
        throw new HttpError(409, 'Trying to delete a folder that contains a file that is currently in use');
      }
      if (jobs.selectionWithin('local', path)) jobs.unselectQuietly();
      await services.files.remove(path);
      return noContent(reply);
    },
  );
}
