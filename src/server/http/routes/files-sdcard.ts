// The printer's SD card in the files API: its listing (when sdSupport is on and a card is ready), select, delete.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isMachineCode, typePathOf } from '../../../files/index.js';
import { isArgonautError } from '../../../shared/index.js';
import { httpErrors, MESSAGES } from '../errors.js';
import { requirePermission } from '../middleware/permissions.js';
import { isTruthy, noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import type { JobsView } from './files-jobs.js';
import { resourceUrl } from './files-records.js';

export interface SdCardFiles {
  /** OctoPrint's SD file records (empty without SD support, printer or ready card). */
  records(baseUrl: string): Array<Record<string, unknown>>;
  record(name: string, baseUrl: string): Record<string, unknown> | null;
  /** POST /api/files/sdcard/<name>: select (and print); move/copy/analyse are not possible on the card. */
  command(request: FastifyRequest, reply: FastifyReply, name: string, command: string, data: Record<string, unknown>): Promise<FastifyReply>;
  /** DELETE /api/files/sdcard/<name>: M30, then a fresh listing. */
  remove(request: FastifyRequest, reply: FastifyReply, name: string): Promise<FastifyReply>;
}

export function sdCardFiles(services: HttpServices, jobs: JobsView): SdCardFiles {
  const card = () => {
    const sd = services.printer?.driver.sd;
    return services.config.config.feature.sdSupport && sd?.ready() ? sd : null;
  };
  const find = (name: string) => card()?.find(name) ?? null;
  const toRecord = (file: { name: string; display: string; size: number | null }, baseUrl: string): Record<string, unknown> | null => {
    const typePath = typePathOf(file.name);
    if (!typePath) return null;
    const record: Record<string, unknown> = {
      type: typePath[0],
      typePath,
      name: file.name,
      display: file.display || file.name,
      path: file.name,
      origin: 'sdcard',
      refs: { resource: resourceUrl(baseUrl, 'sdcard', file.name) },
    };
    if (file.size !== null) record.size = file.size;
    return record;
  };

  return {
    records(baseUrl) {
      return (card()?.files() ?? []).map((file) => toRecord(file, baseUrl)).filter((r): r is Record<string, unknown> => r !== null);
    },
    record(name, baseUrl) {
      const file = find(name);
      return file ? toRecord(file, baseUrl) : null;
    },
    async command(request, reply, name, command, data) {
      if (command === 'copy' || command === 'move') {
        requirePermission(request, 'FILES_UPLOAD');
        throw httpErrors.badRequest(`Unsupported target for ${command}`);
      }
      if (command === 'slice') requirePermission(request, 'SLICE');
      if (command === 'analyse') requirePermission(request, 'FILES_UPLOAD');
      if (command === 'select') requirePermission(request, 'FILES_SELECT');
      if (!find(name)) throw httpErrors.notFound();
      if (command === 'slice') throw httpErrors.unsupportedType(MESSAGES.noSlicer);
      if (command === 'analyse') throw httpErrors.badRequest(MESSAGES.noAnalysis);
      if (!isMachineCode(name)) throw httpErrors.unsupportedType(MESSAGES.notMachinecode);
      const service = jobs.service;
      if (!service || !jobs.isReady()) throw httpErrors.conflict(MESSAGES.alreadyPrinting);
      const print = isTruthy(data.print);
      if (print) requirePermission(request, 'PRINT');
      try {
        await service.select('sdcard', name, { print, user: request.identity.name });
      } catch (error) {
        if (isArgonautError(error) && (error.code === 'not-operational' || error.code === 'conflict')) throw httpErrors.conflict(error.message);
        throw error;
      }
      return noContent(reply);
    },
    async remove(request, reply, name) {
      requirePermission(request, 'FILES_DELETE');
      const driver = services.printer?.driver;
      if (!driver || !find(name)) throw httpErrors.notFound();
      if (jobs.isPrinting('sdcard', name)) throw httpErrors.conflict(MESSAGES.fileInUse);
      if (jobs.isSelected('sdcard', name)) jobs.unselectQuietly();
      await driver.call('commands', [`M30 ${name}`]);
      await driver.call('refreshSd');
      return noContent(reply);
    },
  };
}
