// Shared pieces of the client replays: a real server on loopback with the virtual printer, raw HTTP requests whose
// method, path, headers and body are exactly what a client sends, multipart bodies built byte for byte, bounded waits.
// Note for the replays: give every assert.ok a message. Without one, node:assert re-reads the failing line from the
// source file to build it, and on these tsx-compiled files that spins forever instead of failing.
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync, inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BrowserClient } from '../support/auth-client.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/** One of the repository's G-code fixtures (`test/fixtures/gcode/`). */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/gcode/${name}`, import.meta.url)));
}

/** A print that lasts a few seconds on the instant virtual printer: dwells between short moves. */
export function slowPrint(seconds = 6): string {
  const lines = ['G21', 'G90', 'M82', 'G28', 'G92 E0', 'G1 Z0.2 F600'];
  for (let i = 0; i < seconds * 4; i += 1) lines.push(`G1 X${50 + (i % 2) * 4} Y${50 + i * 0.2} E${((i + 1) * 0.05).toFixed(2)} F3000`, 'G4 P250');
  lines.push('G1 Z5 F600', 'M84');
  return `${lines.join('\n')}\n`;
}

export interface ClientServer {
  t: TestApp;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  base: string;
  port: number;
  close(): Promise<void>;
}

export interface ClientServerOptions {
  /** `plugins.virtual_printer` keys; default: real motion timing with quick heaters, so prints last but never wait long. */
  virtualPrinter?: Record<string, string | number | boolean>;
  /** More config.yaml sections (not `plugins`). */
  config?: string;
}

/** The whole app on 127.0.0.1, port 0, with the virtual printer (discovery stays silent on loopback). */
export async function startClientServer(options: ClientServerOptions = {}): Promise<ClientServer> {
  const printer = options.virtualPrinter ?? { hotendHeatingRate: 100, bedHeatingRate: 50 };
  const printerYaml = Object.entries(printer).map(([key, value]) => `    ${key}: ${String(value)}\n`).join('');
  const t = await createTestApp({ config: `plugins:\n  virtual_printer:\n${printerYaml}${options.config ?? ''}` });
  const { port } = await t.app.start();
  return { t, base: `http://127.0.0.1:${port}`, port, close: () => t.close() };
}

/** An active user in the given groups with a personal API key. */
export async function userWithKey(t: TestApp, name: string, groups: string[]): Promise<string> {
  await t.app.access.accounts.addUser({ name, password: `${name}-password`, active: true, groups });
  return t.app.access.accounts.generateApiKey(name);
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RawRequest {
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait for `100 Continue` before sending the body (libcurl does this with `Expect: 100-continue`). */
  expectContinue?: boolean;
  timeoutMs?: number;
}

/**
 * One HTTP/1.1 request as given: the path goes on the request line untouched (double slashes and `%2F` stay), only
 * the headers listed are sent besides Host and Content-Length (and Host can be overridden too).
 */
export function send(base: string, method: string, path: string, options: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(base);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (body !== undefined || !['GET', 'HEAD', 'DELETE'].includes(method)) headers['Content-Length'] ??= String(body?.length ?? 0);
  if (options.expectContinue) headers.Expect = '100-continue';
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, setHost: headers.Host === undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const text = (encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json<T>() {
            try {
              return JSON.parse(text) as T;
            } catch {
              throw new Error(`${method} ${path} answered ${res.statusCode} with no JSON: ${text.slice(0, 200)}`);
            }
          },
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 15_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (options.expectContinue && body !== undefined) {
      req.on('continue', () => req.end(body));
      req.flushHeaders();
    } else {
      req.end(body);
    }
  });
}

/** Follows redirects for GET as HTTP clients do by default (OkHttp, aiohttp, axios, Qt with redirects on). */
export async function getFollowing(base: string, path: string, headers: Record<string, string> = {}, limit = 5): Promise<{ response: RawResponse; chain: number[] }> {
  const chain: number[] = [];
  let current = path;
  for (let hop = 0; hop <= limit; hop += 1) {
    const response = await send(base, 'GET', current, { headers });
    chain.push(response.status);
    const location = response.headers.location;
    if (response.status < 300 || response.status >= 400 || !location) return { response, chain };
    const next = new URL(location, `${base}${current}`);
    current = `${next.pathname}${next.search}`;
  }
  throw new Error(`more than ${limit} redirects from ${path}: ${chain.join(' ')}`);
}

export interface Part {
  /** Raw part header lines, in order (e.g. `Content-Disposition: form-data; name="print"`). */
  headers: string[];
  body: string | Buffer;
}

/** A multipart body exactly as given: `--boundary CRLF headers CRLF CRLF body CRLF`, then `--boundary--CRLF`. */
export function multipart(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`, 'utf8'), Buffer.from(part.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Polls until `check` holds, at most `ms` milliseconds. */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Connects the virtual printer with an API key and waits until the connection reports Operational. */
export async function connectVirtualPrinter(base: string, apiKey: string): Promise<void> {
  const headers = { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' };
  const connect = await send(base, 'POST', '/api/connection', { headers, body: JSON.stringify({ command: 'connect', port: 'VIRTUAL', baudrate: 115200 }) });
  if (connect.status !== 204) throw new Error(`connect answered ${connect.status}: ${connect.text}`);
  await until(async () => {
    const state = await send(base, 'GET', '/api/connection', { headers: { 'X-Api-Key': apiKey } });
    return state.json<{ current: { state: string } }>().current.state === 'Operational';
  }, 'the printer to be operational', 10_000, 50);
}

/**
 * The person at the other end of an app-key request: logged in to the UI (in memory, with CSRF), they find the pending
 * request of `app` and allow or deny it. Returns the user token the decision went to.
 */
export async function decideAppKeyRequest(t: TestApp, user: string, app: string, allow: boolean): Promise<string> {
  const browser = new BrowserClient(t.app.http);
  await browser.request('GET', '/'); // the UI page sets the CSRF cookie
  const login = await browser.login(t.app, user, `${user}-password`);
  if (login.statusCode !== 200) throw new Error(`login as ${user} answered ${login.statusCode}`);
  const listing = await browser.request('GET', '/api/plugin/appkeys');
  const pending = listing.json<{ pending: Record<string, { app_id: string }> }>().pending;
  const userToken = Object.entries(pending).find(([, entry]) => entry.app_id === app)?.[0];
  if (!userToken) throw new Error(`no pending request of ${app} for ${user}: ${listing.body}`);
  const decided = await browser.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: allow } });
  if (decided.statusCode !== 204) throw new Error(`decision answered ${decided.statusCode}: ${decided.body}`);
  return userToken;
}
