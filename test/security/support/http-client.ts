// A loopback HTTP client for the security suite: exact requests (paths, headers, bodies as sent), a cookie jar
// with the CSRF double submit, and raw socket exchanges for malformed requests.
import { Agent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { buildMultipart, field, filePart } from '../../../src/server/http/multipart/multipart-body-builder.js';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json<T = Record<string, unknown>>(): T;
  /** Set-Cookie lines parsed: name → value and lower-case attributes. */
  cookies: Map<string, SetCookie>;
}

export interface SetCookie {
  value: string;
  attributes: Map<string, string>;
  line: string;
}

export interface SendOptions {
  headers?: OutgoingHttpHeaders;
  /** A raw body (sent as is). */
  body?: string | Buffer;
  /** A JSON body (Content-Type application/json unless given). */
  json?: unknown;
  /** A form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  timeoutMs?: number;
  /** Resolve as soon as the status and headers arrive (for streaming answers); the body is left unread. */
  headersOnly?: boolean;
  /** Local address to connect from (e.g. 127.0.0.2: a peer that is not a trusted proxy). */
  localAddress?: string;
  /** A keep-alive agent to reuse connections (default: a new connection per request). */
  agent?: Agent;
}

export function parseSetCookies(headers: IncomingHttpHeaders): Map<string, SetCookie> {
  const result = new Map<string, SetCookie>();
  for (const line of headers['set-cookie'] ?? []) {
    const [pair = '', ...parts] = line.split(';');
    const at = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const part of parts) {
      const [key = '', ...rest] = part.trim().split('=');
      attributes.set(key.toLowerCase(), rest.join('='));
    }
    let value = pair.slice(at + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    result.set(pair.slice(0, at).trim(), { value, attributes, line });
  }
  return result;
}

/** One HTTP request to 127.0.0.1:port; the path is sent exactly as given (no dot-segment normalisation). */
export function send(port: number, method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  const headers: OutgoingHttpHeaders = { ...(options.headers ?? {}) };
  let body: Buffer | undefined;
  if (options.json !== undefined) {
    body = Buffer.from(JSON.stringify(options.json));
    headers['content-type'] ??= 'application/json';
  } else if (options.form !== undefined) {
    body = Buffer.from(new URLSearchParams(options.form).toString());
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (options.body !== undefined) {
    body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  }
  if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(body.length);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: options.agent ?? false, localAddress: options.localAddress }, (res) => {
      if (options.headersOnly) {
        clearTimeout(timer);
        const empty = Buffer.alloc(0);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: empty, text: '', json: () => ({}) as never, cookies: parseSetCookies(res.headers) });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const data = Buffer.concat(chunks);
        const text = data.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: data,
          text,
          json: <T>() => JSON.parse(text) as T,
          cookies: parseSetCookies(res.headers),
        });
      });
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`${method} ${path} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export interface RawExchange {
  /** Everything the server wrote before closing (or before the wait ended). */
  response: string;
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
  /** Milliseconds until the close (or the end of the wait). */
  elapsedMs: number;
}

/** Writes raw bytes to the server and collects the answer until it closes the connection or `waitMs` passes. */
export function rawExchange(port: number, payload: string | Buffer, waitMs = 3000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response: Buffer.concat(chunks).toString('latin1'), closed, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => socket.write(payload));
  });
}

/** The status code of a raw HTTP response text (0 when there is none). */
export function rawStatus(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}

let addressCounter = 0;

/** A distinct documentation-range client address per caller (the loopback peer is a trusted proxy by default). */
export function nextClientAddress(): string {
  addressCounter += 1;
  return `198.51.100.${(addressCounter % 250) + 1}`;
}

/**
 * A browser: keeps the cookies the server sets, sends them back, and echoes the CSRF cookie in X-CSRF-Token on
 * writes (unless told not to). Each browser appears from its own address through X-Forwarded-For.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** Cookies sent with every request whatever the server says (a replayed, captured cookie). */
  readonly pinned = new Map<string, string>();
  readonly address: string;
  /** The server's cookie suffix for this browser (`_P<port>`, or e.g. `_P443_R|octo` behind a proxy). */
  suffix: string;

  /** Local address this browser connects from (default: the loopback address the OS picks). */
  localAddress: string | undefined;
  /** Like a browser, connections are kept open and reused (idle ones do not keep the process alive). */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });

  constructor(
    readonly port: number,
    private readonly defaults: OutgoingHttpHeaders = {},
    address?: string,
  ) {
    this.address = address ?? nextClientAddress();
    this.suffix = `_P${port}`;
  }

  /** The cookie named `<base><suffix>`. */
  cookie(base: string): string | undefined {
    return this.cookies.get(`${base}${this.suffix}`);
  }

  setCookie(base: string, value: string): void {
    this.cookies.set(`${base}${this.suffix}`, value);
  }

  cookieHeader(): string {
    const all = new Map([...this.cookies, ...this.pinned]);
    return [...all].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }

  async request(method: string, path: string, options: SendOptions & { csrf?: boolean } = {}): Promise<Reply> {
    const headers: OutgoingHttpHeaders = { 'x-forwarded-for': this.address, ...this.defaults, ...(options.headers ?? {}) };
    if (this.cookies.size + this.pinned.size > 0 && headers.cookie === undefined) headers.cookie = this.cookieHeader();
    const token = this.cookie('csrf_token');
    if (options.csrf !== false && token && !['GET', 'HEAD', 'OPTIONS'].includes(method) && headers['x-csrf-token'] === undefined) {
      headers['x-csrf-token'] = token;
    }
    const reply = await send(this.port, method, path, { localAddress: this.localAddress, agent: this.agent, ...options, headers });
    for (const [name, cookie] of reply.cookies) {
      const expired = cookie.attributes.get('max-age') === '0' || /1970/.test(cookie.attributes.get('expires') ?? '');
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, cookie.value);
    }
    return reply;
  }

  /** The catalogue's `csrf()`: GET /login and keep the `csrf_token<suffix>` cookie it sets. */
  async csrf(): Promise<string> {
    const page = await this.request('GET', '/login', { headers: { accept: 'text/html' } });
    const token = this.cookie('csrf_token');
    if (!token) throw new Error(`GET /login set no CSRF cookie (status ${page.status})`);
    return token;
  }

  /** Active login with the CSRF pair. */
  async login(user: string, pass: string, remember = false): Promise<Reply> {
    if (!this.cookie('csrf_token')) await this.csrf();
    return this.request('POST', '/api/login', { json: { user, pass, remember } });
  }

  /** A copy with the same cookies (a second tab, or an attacker who stole them). */
  clone(address = this.address): Browser {
    const copy = new Browser(this.port, this.defaults, address);
    copy.suffix = this.suffix;
    copy.localAddress = this.localAddress;
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }
}

/** Uploads one file to /api/files/local as multipart (extra text fields after it). */
export function upload(port: number, name: string, content: string | Buffer, headers: OutgoingHttpHeaders, fields: Record<string, string> = {}): Promise<Reply> {
  const parts = [filePart(name, content), ...Object.entries(fields).map(([key, value]) => field(key, value))];
  const body = buildMultipart(parts);
  return send(port, 'POST', '/api/files/local', { body: body.body, headers: { ...headers, 'content-type': body.contentType } });
}
