// Streams a multipart/form-data body: the `file` part to a temp file (hashed on the way), fields in memory.
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HttpError, httpErrors, MESSAGES } from '../errors.js';
import { FormCollector } from './form-collector.js';
import type { ReceivedFile } from './form-collector.js';
import { formBoundary } from './form-part.js';
import { MultipartParser } from './multipart-parser.js';

export type { ReceivedFile } from './form-collector.js';

const TEMP_PREFIX = 'upload-';
const TEMP_SUFFIX = '.part';

export interface MultipartForm {
  /** Text fields by (decoded) name; the first value of a repeated field wins. */
  fields: ReadonlyMap<string, string>;
  /** The part named `fileField`, or null when the body had none. */
  file: ReceivedFile | null;
  /** Removes the temp file if it was not moved away. */
  discard(): Promise<void>;
}

export interface ReceiveOptions {
  /** Folder for temp files (basedir data/tmp). */
  tempDir: string;
  /** Largest accepted file part in bytes (413 beyond). */
  maxFileBytes: number;
  /** The field whose file is kept; other file parts are read and dropped. */
  fileField?: string;
  maxFieldBytes?: number;
  maxFields?: number;
  /**
   * A stalled or trickling upload is cut (408) when nothing arrives for `windowMs` (checked four times a window), or
   * fewer than `minBytes` in a window (default 16 KiB per minute): slow links pass, a client holding a connection
   * open with a byte now and then does not.
   */
  stall?: { minBytes: number; windowMs: number };
}

const DEFAULT_STALL = { minBytes: 16 * 1024, windowMs: 60_000 };

/** The stall rule for a window of `seconds`: nothing for that long, or under 16 KiB a minute (scaled to the window). */
export function stallRule(seconds: number): { minBytes: number; windowMs: number } {
  const windowMs = Math.max(10, Math.round(seconds * 1000));
  return { windowMs, minBytes: Math.max(1, Math.round((DEFAULT_STALL.minBytes * windowMs) / 60_000)) };
}

function tempPathIn(dir: string): string {
  return join(dir, `${TEMP_PREFIX}${randomBytes(9).toString('hex')}${TEMP_SUFFIX}`);
}

/** Removes upload temp files a crash left behind (only ours, by prefix and suffix). */
export async function removeStaleUploads(tempDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tempDir);
  } catch {
    return;
  }
  await Promise.all(
    names.filter((n) => n.startsWith(TEMP_PREFIX) && n.endsWith(TEMP_SUFFIX)).map((n) => rm(join(tempDir, n), { force: true })),
  );
}

/**
 * Reads the whole body from `source`. Rejects with an HttpError (400 malformed or aborted, 413 too large) after
 * removing every temp file it wrote; memory use stays flat whatever the file size.
 */
export function receiveMultipart(source: Readable, headers: IncomingHttpHeaders, options: ReceiveOptions): Promise<MultipartForm> {
  const boundary = formBoundary(headers['content-type'] ?? '');
  if (boundary === null) return Promise.reject(httpErrors.badRequest('No multipart boundary supplied'));
  let failure: HttpError | null = null;
  // While the temp file's writes are behind, the body is paused by us: that time is no stall of the client.
  let pausedByUs = false;
  const collector: FormCollector = new FormCollector({
    fileField: options.fileField ?? 'file',
    maxFileBytes: options.maxFileBytes,
    maxFieldBytes: options.maxFieldBytes ?? 1024 * 1024,
    maxFields: options.maxFields ?? 100,
    maxParts: 1000,
    tempPath: () => tempPathIn(options.tempDir),
    fail: (error) => fail(error),
    pause: () => {
      pausedByUs = true;
      source.pause();
    },
    resume: () => {
      pausedByUs = false;
      if (!failure) source.resume();
    },
  });
  const discard = async (): Promise<void> => {
    await Promise.allSettled(collector.writes);
    await Promise.all(collector.temps.map((path) => rm(path, { force: true })));
  };
  let settle: (() => void) | null = null;
  let settled = false;
  const finish = (): void => {
    if (settled) return;
    settled = true;
    settle?.();
  };
  const fail = (error: HttpError): void => {
    if (failure) return;
    failure = error;
    source.off('data', onData);
    source.pause(); // the rest of a refused body is not read; the answer closes the connection
    collector.stop();
    finish();
  };
  const parser = new MultipartParser(boundary, collector);
  let received = 0;
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    try {
      parser.push(chunk);
    } catch (error) {
      fail(httpErrors.badRequest(`Malformed multipart body: ${(error as Error).message}`));
    }
  };

  return new Promise<MultipartForm>((resolve, reject) => {
    const stall = options.stall ?? DEFAULT_STALL;
    let mark = 0;
    let windowStart = Date.now();
    let lastCount = 0;
    let lastData = windowStart;
    const watchdog = setInterval(() => {
      const now = Date.now();
      if (pausedByUs) {
        // The watch starts afresh once reading resumes.
        lastCount = received;
        lastData = now;
        mark = received;
        windowStart = now;
        return;
      }
      if (received !== lastCount) {
        lastCount = received;
        lastData = now;
      }
      if (now - lastData >= stall.windowMs) fail(new HttpError(408, 'The upload stalled: no data arrived in time'));
      else if (now - windowStart >= stall.windowMs) {
        if (received - mark < stall.minBytes) fail(new HttpError(408, 'The upload stalled: too little data arrived in time'));
        mark = received;
        windowStart = now;
      }
    }, Math.max(10, Math.round(stall.windowMs / 4)));
    watchdog.unref();
    settle = () => {
      clearInterval(watchdog);
      void Promise.allSettled(collector.writes).then(async () => {
        if (failure) {
          await discard();
          reject(failure);
        } else {
          resolve({ fields: collector.fields, file: collector.file, discard });
        }
      });
    };
    if (failure) {
      finish();
      return;
    }
    source.on('data', onData);
    source.on('end', () => {
      if (failure) return;
      try {
        parser.end();
      } catch (error) {
        fail(httpErrors.badRequest(`Malformed multipart body: ${(error as Error).message}`));
        return;
      }
      finish();
    });
    source.on('error', () => fail(httpErrors.badRequest(MESSAGES.uploadInterrupted)));
    source.on('close', () => {
      if (!source.readableEnded) fail(httpErrors.badRequest(MESSAGES.uploadInterrupted));
    });
  });
}
