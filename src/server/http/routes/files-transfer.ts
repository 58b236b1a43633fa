// The move and copy file commands: destination rules, conflicts, busy files, and the 201 answer with Location.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAllowedFile, joinStoragePath, sanitizeUserPath } from '../../../files/index.js';
import type { HttpError} from '../errors.js';
import { httpErrors } from '../errors.js';
import { requirePermission } from '../middleware/permissions.js';
import type { HttpServices } from '../services.js';
import type { JobsView } from './files-jobs.js';
import { downloadUrl, resourceUrl } from './files-records.js';

function badDestination(): HttpError {
  return httpErrors.badRequest('Destination is invalid');
}

/** The destination's last segment as the client wrote it (kept as display name when sanitising changed it). */
function requestedName(destination: string): string | undefined {
  const parts = destination.split('/').filter((p) => p !== '');
  return parts[parts.length - 1]?.normalize('NFC');
}

export type TransferCommand = (
  request: FastifyRequest,
  reply: FastifyReply,
  command: 'move' | 'copy',
  path: string,
  destination: unknown,
) => Promise<FastifyReply>;

export function registerTransferCommands(services: HttpServices, jobs: JobsView): TransferCommand {
  return async (request, reply, command, path, destination) => {
    requirePermission(request, 'FILES_UPLOAD');
    const kind = await services.files.kindOf(path);
    if (!kind) throw httpErrors.notFound();
    if (typeof destination !== 'string') throw badDestination();
    let target: string[];
    try {
      target = sanitizeUserPath(destination);
    } catch {
      throw badDestination();
    }
    const sourceName = path.split('/').pop() ?? path;
    let displayName = requestedName(destination);
    let targetPath = joinStoragePath(target);
    if (targetPath !== path && (await services.files.kindOf(targetPath)) === 'folder') {
      // An existing folder: the item goes inside it under its own name.
      targetPath = joinStoragePath([...target, sourceName]);
      displayName = undefined;
    } else if (target.length === 0) {
      throw badDestination();
    }
    if (targetPath !== path && (await services.files.kindOf(targetPath)) !== null) {
      throw httpErrors.conflict('File or folder does already exist');
    }
    if (kind === 'file' && !isAllowedFile(targetPath.split('/').pop() ?? targetPath)) {
      throw httpErrors.unsupportedType(`Could not ${command} ${path} to ${targetPath}, invalid type`);
    }
    if (command === 'move') {
      requirePermission(request, 'FILES_DELETE');
      const busy = kind === 'file' ? jobs.isPrinting('local', path) : jobs.isPrintingWithin('local', path);
      if (busy) throw httpErrors.conflict('Trying to move a file or folder that is currently in use');
      if (targetPath !== path && jobs.selectionWithin('local', path)) jobs.unselectQuietly();
      await services.files.move(path, targetPath, displayName);
    } else {
      await services.files.copy(path, targetPath, displayName);
    }
    const baseUrl = request.origin.baseUrl;
    const location = resourceUrl(baseUrl, 'local', targetPath);
    const refs: Record<string, string> = { resource: location };
    if (kind === 'file') refs.download = downloadUrl(baseUrl, 'local', targetPath);
    const name = targetPath.split('/').pop() ?? targetPath;
    return reply.code(201).header('Location', location).send({ name, path: targetPath, origin: 'local', refs });
  };
}
