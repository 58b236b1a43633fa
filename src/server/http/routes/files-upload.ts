// POST /api/files/<origin>: streamed uploads (select/print after), and folder creation, as OctoPrint answers them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission } from '../../../auth/index.js';
import { isAllowedFile, isGcode, joinStoragePath, sanitizeName, sanitizeUserPath } from '../../../files/index.js';
import { HttpError, MESSAGES, httpErrors } from '../errors.js';

import { isMultipart, multipartBoundary } from '../multipart/header-text.js';
import { receiveMultipart, stallRule } from '../multipart/receive-multipart.js';
import type { MultipartForm, ReceivedFile } from '../multipart/receive-multipart.js';
import { isTruthy, requestValues } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { downloadUrl, resourceUrl } from './files-records.js';
import type { Origin } from './files-records.js';
import { JobsView } from './files-jobs.js';
import { copyUploadToSd, requireSdUploadPossible } from './files-sd-upload.js';

type Values = ReadonlyMap<string, string>;
const CLOSE = { Connection: 'close' };

function invalidName(): HttpError {
  return httpErrors.badRequest(MESSAGES.invalidFileName);
}

/** OctoPrint's canonicalize: a name possibly carrying folders → (folder segments text, name). */
function splitName(text: string): { folder: string; name: string } {
  const at = text.lastIndexOf('/');
  return at === -1 ? { folder: '', name: text } : { folder: text.slice(0, at), name: text.slice(at + 1) };
}

/** Sanitised target folder: the `path` field (Windows backslashes allowed) replaces the folder of the name. */
function targetFolder(values: Values, fromName: string): string[] {
  const pathField = values.get('path');
  try {
    return pathField ? sanitizeUserPath(pathField.replace(/\\/g, '/')) : sanitizeUserPath(fromName);
  } catch {
    throw invalidName();
  }
}

function parseUserdata(values: Values): unknown {
  const text = values.get('userdata');
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw httpErrors.badRequest('userdata contains invalid JSON');
  }
}

export function registerUploadRoutes(app: FastifyInstance, services: HttpServices): void {
  const jobs = new JobsView(services.jobs);

  async function storeUpload(request: FastifyRequest, reply: FastifyReply, origin: Origin, values: Values, upload: ReceivedFile): Promise<FastifyReply> {
    const userdata = parseUserdata(values);
    const sd = origin === 'sdcard';
    if (sd) requireSdUploadPossible(services);
    const identity = request.identity;
    const selectRequested = isTruthy(values.get('select')) && hasPermission(identity, 'FILES_SELECT');
    const printRequested = isTruthy(values.get('print')) && hasPermission(identity, 'PRINT');

    const canonical = splitName(upload.filename);
    const display = (values.get('filename') || canonical.name).normalize('NFC');
    let name: string;
    try {
      name = sanitizeName(display);
    } catch {
      throw invalidName();
    }
    const path = joinStoragePath([...targetFolder(values, canonical.folder), name]);
    if (jobs.isPrinting('local', path)) throw httpErrors.conflict('Trying to overwrite file that is currently being printed');
    const exists = (await services.files.kindOf(path)) === 'file';
    if (exists && isTruthy(values.get('noOverwrite'))) throw httpErrors.conflict('File already exists and noOverwrite was set');
    if (exists && !hasPermission(identity, 'FILES_DELETE')) {
      throw httpErrors.forbidden('File already exists, cannot overwrite due to a lack of permissions');
    }
    if (!isAllowedFile(name)) throw httpErrors.unsupportedType('Could not upload file, invalid type');
    const reselect = jobs.isSelected('local', path);
    // Like OctoPrint: select/print never fail the upload; they are dropped when the printer cannot take them now.
    const ready = jobs.canSelectAfterUpload();
    let effectiveSelect = selectRequested && ready;
    let effectivePrint = printRequested && ready;

    await services.files.addFile(path, upload.tempPath, { display, hash: upload.sha1, user: identity.name });
    if (userdata !== undefined) await services.files.setMetadata(path, 'userdata', userdata);

    const service = jobs.service;
    const baseUrl = request.origin.baseUrl;
    // To the SD card: stored here first, then copied onto the card; select/print apply to the copy once it is there.
    const copy = sd && isGcode(name) ? await copyUploadToSd(jobs, baseUrl, path, { select: effectiveSelect, print: effectivePrint, user: identity.name }) : null;
    if (!sd && !isGcode(name)) {
      effectiveSelect = false;
      effectivePrint = false;
    } else if (!sd && service && (effectiveSelect || effectivePrint || reselect)) {
      try {
        await service.select('local', path, { print: effectivePrint, user: identity.name });
      } catch (error) {
        effectiveSelect = false;
        effectivePrint = false;
        request.log.info({ err: error, path }, 'upload: select/print after upload not possible');
      }
    }
    services.events.emit('Upload', {
      name,
      path,
      target: origin,
      select: selectRequested,
      print: printRequested,
      effective_select: effectiveSelect,
      effective_print: effectivePrint,
      ...(userdata !== undefined ? { userdata } : {}),
    });
    const localLocation = resourceUrl(baseUrl, 'local', path);
    const files: Record<string, unknown> = { local: { name, path, origin: 'local', refs: { resource: localLocation, download: downloadUrl(baseUrl, 'local', path) } } };
    if (copy) files.sdcard = copy.record;
    return reply
      .code(201)
      .header('Location', copy?.location ?? localLocation)
      .send({
        files,
        done: !sd,
        effectiveSelect,
        effectivePrint,
      });
  }

  async function createFolder(request: FastifyRequest, reply: FastifyReply, origin: Origin, values: Values): Promise<FastifyReply> {
    if (origin !== 'local') throw httpErrors.invalidParameter('target');
    const canonical = splitName((values.get('foldername') ?? '').normalize('NFC'));
    let folder: string[];
    let name: string;
    try {
      folder = values.get('path') ? sanitizeUserPath((values.get('path') ?? '').replace(/\\/g, '/')) : sanitizeUserPath(canonical.folder);
      name = sanitizeName(canonical.name);
    } catch {
      throw httpErrors.badRequest('folder name is empty or invalid');
    }
    if (isAllowedFile(name)) throw httpErrors.conflict("Can't create folder, please try another name");
    const path = joinStoragePath([...folder, name]);
    try {
      await services.files.addFolder(path, { display: canonical.name });
    } catch (error) {
      if ((error as { code?: string }).code === 'invalid' || (error as { code?: string }).code === 'conflict') {
        throw httpErrors.badRequest('Could not create folder, invalid directory');
      }
      throw error;
    }
    const location = resourceUrl(request.origin.baseUrl, 'local', path);
    return reply
      .code(201)
      .header('Location', location)
      .send({ folder: { name, path, origin: 'local', refs: { resource: location } }, done: true });
  }

  async function receive(request: FastifyRequest): Promise<MultipartForm> {
    const length = request.headers['content-length'];
    if (length === undefined) throw new HttpError(411, 'Length Required: uploads need a Content-Length', CLOSE);
    const maxSize = services.config.config.server.uploads.maxSize;
    if (Number(length) > maxSize) throw new HttpError(413, MESSAGES.tooLarge, CLOSE);
    if (!multipartBoundary(request.headers['content-type'] ?? '')) throw new HttpError(400, 'No multipart boundary supplied', CLOSE);
    try {
      return await receiveMultipart(request.raw, request.headers, {
        tempDir: services.basedir.temp,
        maxFileBytes: maxSize,
        stall: stallRule(services.config.config.server.slowClients.uploadStallTimeout),
      });
    } catch (error) {
      if (error instanceof HttpError) throw new HttpError(error.statusCode, error.message, CLOSE);
      throw error;
    }
  }

  app.post<{ Params: { origin: string } }>(
    '/api/files/:origin',
    {
      config: { permission: 'FILES_UPLOAD' },
      // Any answer given before the body was read (403, CSRF, 413, ...) closes the connection, so that a refused
      // gigabyte is not read and thrown away.
      onSend: async (request, reply, payload) => {
        if (!request.raw.readableEnded) reply.header('Connection', 'close');
        return payload;
      },
    },
    async (request, reply) => {
      const origin = request.params.origin;
      if (origin !== 'local' && origin !== 'sdcard') throw httpErrors.notFound();
      if (origin === 'sdcard' && !services.config.config.feature.sdSupport) throw httpErrors.notFound();
      if (!isMultipart(request.headers['content-type'])) {
        const values = new Map(Object.entries(requestValues(request)).filter((e): e is [string, string] => typeof e[1] === 'string'));
        if (values.has('foldername')) return createFolder(request, reply, origin, values);
        throw httpErrors.badRequest(MESSAGES.noUpload);
      }
      const form = await receive(request);
      try {
        if (form.file) return await storeUpload(request, reply, origin, form.fields, form.file);
        if (form.fields.has('foldername')) return await createFolder(request, reply, origin, form.fields);
        throw httpErrors.badRequest(MESSAGES.noUpload);
      } finally {
        await form.discard();
      }
    },
  );
}
