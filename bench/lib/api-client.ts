// A small client of the real server's REST API for the benchmarks: JSON requests, streamed multipart uploads, printing.
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

export interface UploadResult {
  status: number;
  body: string;
  /** Milliseconds from the first byte sent to the end of the answer. */
  ms: number;
}

export interface JobState {
  state: string;
  completion: number | null;
  filepos: number | null;
}

async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  /** A JSON request; throws on a status of 400 or more. */
  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'X-Api-Key': this.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** POST /api/files/local with the file streamed from `source` (exactly `size` bytes), never held in memory. */
  async upload(name: string, size: number, source: Readable, fields: Record<string, string> = {}): Promise<UploadResult> {
    const boundary = `----argonaut-bench-${Math.random().toString(16).slice(2)}`;
    const extra = Object.entries(fields)
      .map(([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`)
      .join('');
    const head = Buffer.from(`${extra}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const url = new URL('/api/files/local', this.baseUrl);
    const started = performance.now();
    const outgoing = request(url, {
      method: 'POST',
      headers: {
        'X-Api-Key': this.apiKey,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + size + tail.length),
      },
    });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      outgoing.once('response', resolve);
      outgoing.once('error', reject);
    });
    outgoing.write(head);
    for await (const chunk of source) {
      if (!outgoing.write(chunk as Buffer)) await Promise.race([once(outgoing, 'drain'), answered]);
    }
    outgoing.end(tail);
    const response = await answered;
    const body = await readBody(response);
    return { status: response.statusCode ?? 0, body, ms: performance.now() - started };
  }

  async deleteFile(name: string): Promise<void> {
    await this.json('DELETE', `/api/files/local/${encodeURIComponent(name)}`);
  }

  /** Connects to the virtual printer and waits until it is operational. */
  async connectVirtual(timeoutMs = 30_000): Promise<void> {
    const current = await this.job();
    if (current.state === 'Operational') return;
    await this.json('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 250000 });
    await this.waitForState((state) => state === 'Operational', timeoutMs);
  }

  async disconnect(): Promise<void> {
    await this.json('POST', '/api/connection', { command: 'disconnect' });
  }

  /** Selects a stored file and starts printing it. */
  async print(name: string): Promise<void> {
    await this.json('POST', `/api/files/local/${encodeURIComponent(name)}`, { command: 'select', print: true });
  }

  async cancel(): Promise<void> {
    await this.json('POST', '/api/job', { command: 'cancel' });
  }

  async job(): Promise<JobState> {
    const job = await this.json<{ state: string; progress?: { completion?: number | null; filepos?: number | null } }>('GET', '/api/job');
    return { state: job.state, completion: job.progress?.completion ?? null, filepos: job.progress?.filepos ?? null };
  }

  async waitForState(accept: (state: string) => boolean, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { state } = await this.job();
      if (accept(state)) return state;
      if (Date.now() > deadline) throw new Error(`the printer stayed "${state}" for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Passive login with the API key: the user name and session token the push socket's `auth` message needs. */
  async passiveLogin(): Promise<{ name: string; session: string }> {
    return this.json<{ name: string; session: string }>('POST', '/api/login', { passive: true });
  }
}
