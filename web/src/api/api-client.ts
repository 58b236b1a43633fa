// Fetch wrapper for OctoPrint's REST API: JSON in and out, the X-CSRF-Token header on writes, readable errors.
import { readCookie } from '../lib/cookies.js';
import { ApiError, explainStatus } from './api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /** The app's base URL (document.baseURI): API paths are relative to it. */
  baseUrl: string;
  cookieSuffix: string;
  /** Reads document.cookie (a function so tests and the page see fresh values). */
  cookies: () => string;
  /** Asked when the server wants fresh credentials; resolves true once the person has re-entered the password. */
  reauthenticate?: () => Promise<boolean>;
}

export interface RequestOptions {
  /** Don't ask for the password on a "reauthenticate" 403 (the reauthentication request itself). */
  noReauth?: boolean;
  signal?: AbortSignal;
}

export interface ApiClient {
  readonly baseUrl: string;
  url(path: string): string;
  csrfToken(): string | null;
  request<T>(method: Method, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A multipart form POST (no file progress; see upload.ts for that). */
  postForm<T>(path: string, form: FormData, options?: RequestOptions): Promise<T>;
  setReauthenticate(handler: (() => Promise<boolean>) | undefined): void;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function messageOf(body: unknown): string {
  if (typeof body === 'string') return body.trim().slice(0, 300);
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
    return (body as { error: string }).error;
  }
  return '';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  let reauthenticate = options.reauthenticate;
  const url = (path: string): string => new URL(path.replace(/^\//, ''), options.baseUrl).toString();
  const csrfToken = (): string | null => readCookie(options.cookies(), `csrf_token${options.cookieSuffix}`);

  async function send(method: Method, path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const token = csrfToken();
      if (token) headers['X-CSRF-Token'] = token;
    }
    try {
      return await fetch(url(path), {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, '', explainStatus(0, ''));
    }
  }

  /**
   * A CSRF token is bound to the login session: once the server restarted (sessions end) the page's token no longer
   * fits. The server hands out a fresh one with the app's page, so fetch that and send the write again, once.
   */
  async function renewCsrfToken(signal: AbortSignal | undefined): Promise<void> {
    try {
      await fetch(url(''), { credentials: 'same-origin', cache: 'no-store', signal });
    } catch {
      // Unreachable: the retried request reports it.
    }
  }

  async function request<T>(method: Method, path: string, body?: unknown, requestOptions: RequestOptions = {}): Promise<T> {
    let response = await send(method, path, body, requestOptions.signal);
    let parsed = await readBody(response);
    if (response.status === 400 && method !== 'GET' && /^CSRF validation failed/i.test(messageOf(parsed))) {
      await renewCsrfToken(requestOptions.signal);
      response = await send(method, path, body, requestOptions.signal);
      parsed = await readBody(response);
    }
    if (response.status === 403 && !requestOptions.noReauth && reauthenticate && /reauthenticate/i.test(messageOf(parsed))) {
      if (await reauthenticate()) {
        response = await send(method, path, body, requestOptions.signal);
        parsed = await readBody(response);
      }
    }
    if (!response.ok) {
      const serverMessage = messageOf(parsed);
      const retryAfter = Number(response.headers.get('retry-after') ?? '') || null;
      throw new ApiError(response.status, serverMessage, explainStatus(response.status, serverMessage, retryAfter), retryAfter);
    }
    return parsed as T;
  }

  return {
    baseUrl: options.baseUrl,
    url,
    csrfToken,
    request,
    get: (path, o) => request('GET', path, undefined, o),
    post: (path, body, o) => request('POST', path, body ?? {}, o),
    put: (path, body, o) => request('PUT', path, body ?? {}, o),
    patch: (path, body, o) => request('PATCH', path, body ?? {}, o),
    delete: (path, o) => request('DELETE', path, undefined, o),
    postForm: (path, form, o) => request('POST', path, form, o),
    setReauthenticate(handler) {
      reauthenticate = handler;
    },
  };
}
