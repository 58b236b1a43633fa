// POST /api/files/sdcard: OctoPrint's preconditions for an upload to the printer's SD card, and the copy after storing.
import { isArgonautError } from '../../../shared/index.js';
import { httpErrors } from '../errors.js';
import type { HttpServices } from '../services.js';
import type { JobsView } from './files-jobs.js';
import { resourceUrl } from './files-records.js';

export const SD_BUSY = 'Can not upload to SD card, printer is either not operational or already busy';
export const SD_NOT_READY = 'Can not upload to SD card, not yet initialized';

/** Throws OctoPrint's 409s unless the printer is operational, idle and its card ready (checked before storing). */
export function requireSdUploadPossible(services: HttpServices): void {
  const driver = services.printer?.driver;
  if (!driver || !driver.isOperational || driver.isPrinting || driver.isPaused || driver.sd.transfer() !== null) throw httpErrors.conflict(SD_BUSY);
  if (!driver.sd.ready()) throw httpErrors.conflict(SD_NOT_READY);
}

/**
 * Starts copying the stored local file onto the card and answers OctoPrint's record of the copy (`files.sdcard`) with
 * the card's resource as Location. Select/print happen once the copy is on the card.
 */
export async function copyUploadToSd(
  jobs: JobsView,
  baseUrl: string,
  path: string,
  options: { select: boolean; print: boolean; user: string | null },
): Promise<{ record: Record<string, unknown>; location: string }> {
  const service = jobs.service;
  if (!service) throw httpErrors.conflict(SD_BUSY);
  let remote: string;
  try {
    remote = await service.copyToSd(path, options);
  } catch (error) {
    if (isArgonautError(error) && (error.code === 'conflict' || error.code === 'not-operational')) throw httpErrors.conflict(error.message);
    throw error;
  }
  const location = resourceUrl(baseUrl, 'sdcard', remote);
  return { record: { name: remote, path: remote, origin: 'sdcard', refs: { resource: location } }, location };
}
