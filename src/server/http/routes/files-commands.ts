// POST (select, unselect, slice, analyse, move, copy) and DELETE on /api/files/<origin>/<path>.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMachineCode, parseStoragePath } from '../../../files/index.js';
import { isArgonautError } from '../../../shared/index.js';
import { httpErrors, MESSAGES } from '../errors.js';
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
  if (request.params.origin !== 'local' || !parseStoragePath(path)) throw httpErrors.notFound();
  return path;
}

export function registerCommandRoutes(app: FastifyInstance, services: HttpServices): void {
  const jobs = new JobsView(services.jobs);
  const transfer = registerTransferCommands(services, jobs);
  const sdcard = sdCardFiles(services, jobs);

  async function select(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, path: string, data: Record<string, unknown>) {
    requirePermission(request, 'FILES_SELECT');
    if ((await services.files.kindOf(path)) !== 'file') throw httpErrors.notFound();
    if (!isMachineCode(path)) throw httpErrors.unsupportedType(MESSAGES.notMachinecode);
    const service = jobs.service;
    if (!service || !jobs.isReady()) throw httpErrors.conflict(MESSAGES.alreadyPrinting);
    const print = isTruthy(data.print);
    if (print) requirePermission(request, 'PRINT');
    try {
      await service.select('local', path, { print, user: request.identity.name });
    } catch (error) {
      if (isArgonautError(error) && error.code === 'not-operational') {
        throw httpErrors.conflict(print ? 'Printer is not operational, cannot directly start printing' : 'Printer is not operational, cannot select a file');
      }
      if (isArgonautError(error) && error.code === 'conflict') throw httpErrors.conflict(MESSAGES.alreadyPrinting);
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
    if (origin !== 'local' && origin !== 'sdcard') throw httpErrors.notFound();
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
        if ((await services.files.kindOf(path)) !== 'file') throw httpErrors.notFound();
        throw httpErrors.unsupportedType(MESSAGES.noSlicer);
      case 'analyse':
        requirePermission(request, 'FILES_UPLOAD');
        if ((await services.files.kindOf(path)) !== 'file') throw httpErrors.notFound();
        if (!(await services.files.analyse(path))) throw httpErrors.badRequest(MESSAGES.noAnalysis);
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
      if (!kind) throw httpErrors.notFound();
      if (kind === 'file' && jobs.isPrinting('local', path)) throw httpErrors.conflict(MESSAGES.fileInUse);
      if (kind === 'folder' && jobs.isPrintingWithin('local', path)) {
        throw httpErrors.conflict('Trying to delete a folder that contains a file that is currently in use');
      }
      if (jobs.selectionWithin('local', path)) jobs.unselectQuietly();
      await services.files.remove(path);
      return noContent(reply);
    },
  );
}
