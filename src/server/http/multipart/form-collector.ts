// Turns the parts of a multipart/form-data body into text fields and one file written to a temp file, within limits.
import type { HttpError} from '../errors.js';
import { httpErrors, MESSAGES } from '../errors.js';
import { describePart, fieldText } from './form-part.js';
import { decodeFilename, decodeHeaderText } from './header-text.js';
import type { MultipartListener, PartHeaders } from './multipart-parser.js';
import { RESERVED_FIELD_MESSAGE, isReservedUploadField } from './reserved-fields.js';
import { TempFileSink } from './temp-file-sink.js';

export interface ReceivedFile {
  /** Temp file holding the complete content; moved into place or removed by `discard()`. */
  tempPath: string;
  /** The file name as sent (filename* wins over filename), decoded and NFC-normalised; not sanitised. */
  filename: string;
  size: number;
  /** SHA-1 of the content, hex. */
  sha1: string;
}

export interface FormCollectorOptions {
  /** The field whose file is kept; other file parts are read and dropped. */
  fileField: string;
  /** Largest accepted file part in bytes (413 from this size on, as busboy counted). */
  maxFileBytes: number;
  maxFieldBytes: number;
  maxFields: number;
  maxParts: number;
  /** A new temp file path for the kept file. */
  tempPath(): string;
  /** The upload is refused (the collector takes no more data after this). */
  fail(error: HttpError): void;
  /** The temp file writer is behind: stop reading the body until `resume`. */
  pause(): void;
  resume(): void;
}

type Current =
  | { kind: 'skip' }
  | { kind: 'field'; name: string | undefined; charset: string; chunks: Buffer[]; size: number; truncated: boolean }
  | { kind: 'file'; sink: TempFileSink; received: ReceivedFile; size: number };

const SKIP: Current = { kind: 'skip' };

export class FormCollector implements MultipartListener {
  readonly fields = new Map<string, string>();
  file: ReceivedFile | null = null;
  /** Temp files created (complete or not): the caller removes them unless moved away. */
  readonly temps: string[] = [];
  /** Settles once each file written is complete (or given up). */
  readonly writes: Array<Promise<void>> = [];
  private current: Current = SKIP;
  private parts = -1; // the first delimiter ends the preamble, not a part
  private fieldCount = 0;
  private stopped = false;

  constructor(private readonly options: FormCollectorOptions) {}

  partStart(headers: PartHeaders): void {
    this.current = SKIP;
    if (this.stopped) return;
    const part = describePart(headers);
    if (!part) return;
    if (part.name !== undefined && isReservedUploadField(decodeHeaderText(part.name))) {
      this.fail(httpErrors.badRequest(RESERVED_FIELD_MESSAGE));
      return;
    }
    if (part.kind === 'field') {
      if (this.fieldCount === this.options.maxFields) {
        this.fail(httpErrors.badRequest('Too many form fields'));
        return;
      }
      this.fieldCount += 1;
      this.current = { kind: 'field', name: part.name, charset: part.charset, chunks: [], size: 0, truncated: false };
      return;
    }
    if (this.file !== null || decodeHeaderText(part.name) !== this.options.fileField) return;
    let filename: string;
    try {
      filename = decodeFilename(part.filename);
    } catch (error) {
      this.fail(error as HttpError);
      return;
    }
    const tempPath = this.options.tempPath();
    this.temps.push(tempPath);
    const sink = new TempFileSink(tempPath);
    sink.onDrain(() => this.options.resume());
    sink.onError(() => this.fail(httpErrors.badRequest(MESSAGES.uploadInterrupted)));
    const received: ReceivedFile = { tempPath, filename, size: 0, sha1: '' };
    this.file = received;
    this.current = { kind: 'file', sink, received, size: 0 };
  }

  partData(data: Buffer): void {
    const current = this.current;
    if (current.kind === 'file') {
      current.size += data.length;
      if (current.size >= this.options.maxFileBytes) {
        this.fail(httpErrors.tooLarge());
        return;
      }
      if (!current.sink.push(data)) this.options.pause();
    } else if (current.kind === 'field' && !current.truncated) {
      const room = this.options.maxFieldBytes - current.size;
      // Copied: a field is small, and it must not keep the whole chunk it arrived in alive.
      current.chunks.push(Buffer.from(data.subarray(0, room)));
      current.size += Math.min(room, data.length);
      if (current.size >= this.options.maxFieldBytes) current.truncated = true;
    }
  }

  partEnd(): void {
    const current = this.current;
    this.current = SKIP;
    if (!this.stopped && current.kind === 'file') {
      const { received } = current;
      this.writes.push(
        current.sink.finish().then(
          (result) => {
            received.size = result.size;
            received.sha1 = result.sha1;
          },
          () => this.fail(httpErrors.badRequest(MESSAGES.uploadInterrupted)),
        ),
      );
    } else if (!this.stopped && current.kind === 'field') {
      if (current.truncated) {
        this.fail(httpErrors.badRequest('A form field is too large'));
        return;
      }
      const name = decodeHeaderText(current.name);
      if (!this.fields.has(name)) this.fields.set(name, fieldText(Buffer.concat(current.chunks, current.size), current.charset));
    }
    this.parts += 1;
    if (this.parts === this.options.maxParts) this.fail(httpErrors.badRequest('Too many form parts'));
  }

  /** Takes no more data; a file being written is closed as it is (the caller removes it). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const current = this.current;
    this.current = SKIP;
    if (current.kind === 'file') this.writes.push(current.sink.abort());
  }

  private fail(error: HttpError): void {
    this.stop();
    this.options.fail(error);
  }
}
