// Where timelapse frames come from: any function that yields one JPEG; here, one fetched from a snapshot URL over HTTP.
import http from 'node:http';
import https from 'node:https';

/** Takes one picture (a JPEG); rejects when none can be had. */
export type SnapshotSource = () => Promise<Buffer>;

export interface HttpSnapshotOptions {
  /** The snapshot URL, read at each capture (settings may change). */
  url(): string;
  /** Seconds to wait for the whole picture. */
  timeoutSeconds(): number;
  /** Whether an https URL's certificate is checked. */
  validateTls(): boolean;
  /** Largest picture accepted, in bytes. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** A source that GETs the configured snapshot URL, as OctoPrint's timelapse does. */
export function httpSnapshotSource(options: HttpSnapshotOptions): SnapshotSource {
  return () => fetchSnapshot(options.url(), options.timeoutSeconds() * 1000, options.validateTls(), options.maxBytes ?? DEFAULT_MAX_BYTES);
}

function fetchSnapshot(url: string, timeoutMs: number, validateTls: boolean, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(url ? 'the snapshot URL is not a valid URL' : 'no snapshot URL is configured'));
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Error('the snapshot URL must be http or https'));
      return;
    }
    const get = target.protocol === 'https:' ? https.get : http.get;
    const request = get(target, { timeout: timeoutMs, rejectUnauthorized: validateTls }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`the snapshot URL answered ${response.statusCode ?? 'nothing'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy(new Error('the snapshot is too large'));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => (size > 0 ? resolve(Buffer.concat(chunks)) : reject(new Error('the snapshot was empty'))));
      response.on('error', reject);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no snapshot within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy(new Error(`no snapshot within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
  });
}
