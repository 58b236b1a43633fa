// A browser-like client for in-memory HTTP tests: keeps cookies between inject() calls and sends the CSRF header.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ANONYMOUS_BINDING } from '../../src/auth/index.js';
import type { App } from '../../src/app/index.js';

export interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Send X-CSRF-Token from the cookie (default: yes, when there is one). */
  csrf?: boolean;
}

/** Parses `Set-Cookie` headers of a response: name → {value, attributes (lower-case)}. */
export function setCookies(response: LightMyRequestResponse): Map<string, { value: string; attributes: Map<string, string> }> {
  const raw = response.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const result = new Map<string, { value: string; attributes: Map<string, string> }>();
  for (const line of lines) {
    const [pair = '', ...attributeParts] = line.split(';');
    const at = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const part of attributeParts) {
      const [key = '', ...rest] = part.trim().split('=');
      attributes.set(key.toLowerCase(), rest.join('='));
    }
    result.set(pair.slice(0, at).trim(), { value: decodeURIComponent(pair.slice(at + 1).trim()), attributes });
  }
  return result;
}

export class BrowserClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly http: FastifyInstance,
    /** Headers sent with every request (e.g. a distinct X-Forwarded-For per test, so rate limits do not mix). */
    private readonly defaults: Record<string, string> = {},
  ) {}

  /** The cookie whose name starts with this base (`csrf_token` → `csrf_token_P5000`). */
  cookie(base: string): string | undefined {
    for (const [name, value] of this.cookies) if (name === base || name.startsWith(`${base}_P`)) return value;
    return undefined;
  }

  /** Gives the client the anonymous CSRF cookie the UI page would set. */
  seedCsrf(app: App, suffix = '_P5000'): void {
    this.cookies.set(`csrf_token${suffix}`, app.access.csrf.issue(ANONYMOUS_BINDING));
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.defaults, ...(options.headers ?? {}) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('; ');
    const token = this.cookie('csrf_token');
    if (options.csrf !== false && token && !['GET', 'HEAD', 'OPTIONS'].includes(method)) headers['x-csrf-token'] = token;
    let payload: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    }
    const response = await this.http.inject({ method: method as 'GET', url, headers, payload });
    for (const [name, cookie] of setCookies(response)) {
      const expired = cookie.attributes.get('max-age') === '0' || /1970/.test(cookie.attributes.get('expires') ?? '');
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, cookie.value);
    }
    return response;
  }

  /** Active login with CSRF (seeding the anonymous token first when the client has none). */
  async login(app: App, user: string, pass: string, remember = false): Promise<LightMyRequestResponse> {
    if (!this.cookie('csrf_token')) this.seedCsrf(app);
    return this.request('POST', '/api/login', { json: { user, pass, remember } });
  }
}

/** Creates a user through the access service (argon2id hash), optionally with groups. */
export async function addUser(app: App, name: string, password: string, groups?: string[], active = true): Promise<void> {
  await app.access.accounts.addUser({ name, password, active, groups });
}
