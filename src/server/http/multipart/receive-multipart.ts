// Streams a multipart/form-data body with busboy: the `file` part to a temp file (hashed on the way), fields in memory.
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { HttpError, MESSAGES } from '../errors.js';
import { decodeFilename, decodeHeaderText } from './header-text.js';
import { TempFileSink } from './temp-file-sink.js';

const TEMP_PREFIX = 'upload-';
const TEMP_SUFFIX = '.part';

export interface ReceivedFile {
  /** Temp file holding the complete content; moved into place or removed by `discard()`. */
  tempPath: string;
  /** The file name as sent (filename* wins over filename), decoded and NFC-normalised; not sanitised. */
  filename: string;
  size: number;
  /** SHA-1 of the content, hex. */
  sha1: string;
}

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
   * A stalled or trickling upload is cut (408) when fewer than `minBytes` arrive in any `windowMs` (default 16 KiB
   * per minute): slow links pass, a client holding a connection open with a byte now and then does not.
   */
  stall?: { minBytes: number; windowMs: number };
}

const DEFAULT_STALL = { minBytes: 16 * 1024, windowMs: 60_000 };

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
 * Streams one file part into a new temp file; resolves once the file is complete and synced (size and hash filled
 * in) or given up (the failure reported through `fail`, the file left for the caller to remove).
 */
function writeFilePart(stream: Readable, tempPath: string, received: ReceivedFile, fail: (error: HttpError) => void): Promise<void> {
  return new Promise<void>((done) => {
    let sink: TempFileSink | null = null;
    let ended = false;
    let cut = false;
    const interrupted = (): void => fail(new HttpError(400, 'The upload was interrupted'));
    const giveUp = (): void => {
      if (cut) return;
      cut = true;
      interrupted();
      if (sink) void sink.abort().then(done);
    };
    stream.pause();
    stream.on('error', () => undefined); // busboy reports the cause through the parser
    stream.on('close', () => {
      if (!ended) giveUp();
    });
    stream.on('end', () => {
      ended = true;
      if (cut || !sink) return;
      sink.finish().then(
        (result) => {
          received.size = result.size;
          received.sha1 = result.sha1;
          if ((stream as { truncated?: boolean }).truncated) fail(new HttpError(413, MESSAGES.tooLarge));
          done();
        },
        () => {
          cut = true;
          interrupted();
          done();
        },
      );
    });
    TempFileSink.create(tempPath).then(
      (opened) => {
        sink = opened;
        if (cut) {
          void opened.abort().then(done);
          return;
        }
        opened.onDrain(() => stream.resume());
        opened.onError(() => {
          stream.resume(); // the rest of the part is read and dropped while the upload is refused
          giveUp();
        });
        stream.on('data', (chunk: Buffer) => {
          if (!opened.push(chunk)) stream.pause();
        });
        stream.resume();
      },
      () => {
        if (!cut) interrupted();
        cut = true;
        stream.resume();
        done();
      },
    );
  });
}

/**
 * Reads the whole body from `source`. Rejects with an HttpError (400 malformed or aborted, 413 too large) after
 * removing every temp file it wrote; memory use stays flat whatever the file size.
 */
export function receiveMultipart(source: Readable, headers: IncomingHttpHeaders, options: ReceiveOptions): Promise<MultipartForm> {
  const fileField = options.fileField ?? 'file';
  const fields = new Map<string, string>();
  const temps: string[] = [];
  const writes: Array<Promise<void>> = [];
  let file: ReceivedFile | null = null;
  let failure: HttpError | null = null;
  const discard = async (): Promise<void> => {
    await Promise.allSettled(writes);
    await Promise.all(temps.map((path) => rm(path, { force: true })));
  };

  return new Promise<MultipartForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        defParamCharset: 'latin1',
        preservePath: true,
        limits: {
          fileSize: options.maxFileBytes,
          fieldSize: options.maxFieldBytes ?? 1024 * 1024,
          fields: options.maxFields ?? 100,
          parts: 1000,
          headerPairs: 100,
        },
      });
    } catch {
      reject(new HttpError(400, 'No multipart boundary supplied'));
      return;
    }
    let settled = false;
    let received = 0;
    let mark = 0;
    const count = (chunk: Buffer): void => {
      received += chunk.length;
    };
    const stall = options.stall ?? DEFAULT_STALL;
    const watchdog = setInterval(() => {
      if (received - mark < stall.minBytes) fail(new HttpError(408, 'The upload stalled: too little data arrived in time'));
      mark = received;
    }, stall.windowMs);
    watchdog.unref();
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void Promise.allSettled(writes).then(async () => {
        if (failure) {
          await discard();
          reject(failure);
        } else {
          resolve({ fields, file, discard });
        }
      });
    };
    const fail = (error: HttpError): void => {
      if (failure) return;
      failure = error;
      source.off('data', count);
      source.unpipe(parser);
      source.pause(); // the rest of a refused body is not read; the answer closes the connection
      // Busboy must not be destroyed from inside its own callbacks: stop it once the current one returned.
      setImmediate(() => {
        parser.destroy();
        finish();
      });
    };

    parser.on('file', (rawName, stream, info) => {
      stream.on('error', () => undefined); // reported through the parser or the pipeline below
      if (failure || file !== null || decodeHeaderText(rawName) !== fileField) {
        stream.resume();
        return;
      }
      let filename: string;
      try {
        filename = decodeFilename(info.filename);
      } catch (error) {
        stream.resume();
        fail(error as HttpError);
        return;
      }
      const tempPath = tempPathIn(options.tempDir);
      temps.push(tempPath);
      stream.on('limit', () => fail(new HttpError(413, MESSAGES.tooLarge)));
      const received: ReceivedFile = { tempPath, filename, size: 0, sha1: '' };
      file = received;
      writes.push(writeFilePart(stream, tempPath, received, fail));
    });
    parser.on('field', (rawName, value, info) => {
      if (info.valueTruncated) {
        fail(new HttpError(400, 'A form field is too large'));
        return;
      }
      const name = decodeHeaderText(rawName);
      if (!fields.has(name)) fields.set(name, value);
    });
    parser.on('fieldsLimit', () => fail(new HttpError(400, 'Too many form fields')));
    parser.on('partsLimit', () => fail(new HttpError(400, 'Too many form parts')));
    parser.on('error', (error: Error) => fail(new HttpError(400, `Malformed multipart body: ${error.message}`)));
    parser.on('close', finish);
    source.on('data', count);
    source.on('error', () => fail(new HttpError(400, 'The upload was interrupted')));
    source.on('close', () => {
      if (!source.readableEnded) fail(new HttpError(400, 'The upload was interrupted'));
    });
    source.pipe(parser);
  });
}
