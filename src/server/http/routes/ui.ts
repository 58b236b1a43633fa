// The web UI: index page at `/` (with the base URL and cookie suffix filled in), hashed assets cached for a year,
// and the page for any other browser path that is not an API path (single-page app fallback).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { cookieSuffix, hasPermission } from '../../../auth/index.js';
import type { PermissionKey } from '../../../auth/index.js';
import { createLoginPage } from '../login-page/login-page.js';
import { setCsrfCookie } from '../middleware/csrf.js';
import type { HttpServices } from '../services.js';

export interface UiRouteOptions {
  /** Folder with the built UI (index.html and assets/); default dist/web of this checkout. */
  webRoot?: string;
}

/** dist/web: beside the bundled server (dist/argonaut.cjs), or four folders up from this module in src/ or dist/. */
const DEFAULT_WEB_ROOT = /\.[cm]js$/.test(import.meta.url)
  ? fileURLToPath(new URL('./web', import.meta.url))
  : fileURLToPath(new URL('../../../../dist/web', import.meta.url));
const NON_UI_PREFIXES = ['/api/', '/plugin/', '/downloads/', '/sockjs', '/assets/'];
const NOT_BUILT = 'Argonaut is running, but its web interface is not built. Run `npm run build` and reload this page.\n';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Whether a request is a browser asking for a page (not an API, socket, download or asset path). */
export function isPagePath(url: string): boolean {
  const path = url.split('?')[0] ?? url;
  if (path === '/api' || NON_UI_PREFIXES.some((prefix) => path.startsWith(prefix))) return false;
  return true;
}

/**
 * Where OctoPrint sends a browser that may not see a page: its login page, with the page to come back to and the
 * permissions it lacks, e.g. `/login/?redirect=/?&permissions=STATUS,SETTINGS_READ`.
 */
export function loginRedirect(scriptRoot: string, path: string, query: string, permissions: readonly string[]): string {
  const back = encodeURIComponent(`${scriptRoot}${path}?${query}`).replace(/%2F/g, '/').replace(/%3F/g, '?');
  return `${scriptRoot}/login/?redirect=${back}&permissions=${permissions.join(',')}`;
}

function redirectPage(location: string): string {
  const href = escapeAttribute(location);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Redirecting…</title></head><body><p>Please log in: <a href="${href}">${href}</a></p></body></html>\n`;
}

/** Reads index.html once, and again only when the file changes (a rebuild while the server runs). */
function createIndexReader(file: string): () => string | null {
  let cached: { mtimeMs: number; text: string } | null = null;
  return () => {
    try {
      const { mtimeMs } = statSync(file);
      if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, text: readFileSync(file, 'utf8') };
      return cached.text;
    } catch {
      return null;
    }
  };
}

/** The page with `<base href>` (so relative URLs work under a script root) and the server's cookie suffix. */
export function personaliseIndex(html: string, scriptRoot: string, suffix: string): string {
  const head = `<head>\n    <base href="${escapeAttribute(`${scriptRoot}/`)}" />\n    <meta name="argonaut-cookie-suffix" content="${escapeAttribute(suffix)}" />`;
  return html.replace(/<head>/i, head);
}

export async function registerUiRoutes(app: FastifyInstance, services: HttpServices, options: UiRouteOptions = {}): Promise<void> {
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const readIndex = createIndexReader(join(webRoot, 'index.html'));
  const assets = join(webRoot, 'assets');

  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      wildcard: true,
      preCompressed: true,
      // File names carry a content hash, so a file never changes under its name.
      immutable: true,
      maxAge: '365d',
    });
  }

  const servePage = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    // The page's script sends this token back in X-CSRF-Token on every write (OctoPrint's double submit). Set even
    // when the UI is not built, so API clients that fetch the login page for a token always get one.
    setCsrfCookie(request, reply);
    request.server.authCookies.guestSession(request, reply);
    const html = readIndex();
    if (html === null) return reply.code(200).type('text/plain; charset=utf-8').header('Cache-Control', 'no-cache').send(NOT_BUILT);
    const page = personaliseIndex(html, request.origin.scriptRoot, cookieSuffix(request.origin));
    return reply.code(200).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(page);
  };

  /** OctoPrint's rule for its pages: without these permissions, off to the login page (which comes back after). */
  const pageNeeding =
    (permissions: readonly PermissionKey[]) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      if (permissions.every((permission) => hasPermission(request.identity, permission))) return servePage(request, reply);
      const [path = '/', query = ''] = request.url.split(/\?(.*)/s);
      const location = loginRedirect(request.origin.scriptRoot, path, query, permissions);
      if (path === '/') setCsrfCookie(request, reply);
      request.server.authCookies.guestSession(request, reply);
      return reply.code(302).header('Location', location).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(redirectPage(location));
    };

  // The login page: the app's page with a plain form for browsers without JavaScript (and scripts that read it).
  const loginPage = createLoginPage(services, {
    appPage: (request) => {
      const html = readIndex();
      return html === null ? null : personaliseIndex(html, request.origin.scriptRoot, cookieSuffix(request.origin));
    },
  });

  app.get('/', pageNeeding(['STATUS', 'SETTINGS_READ']));
  // OctoPrint's page paths, with and without the trailing slash: each sets the CSRF cookie.
  for (const path of ['/login', '/login/']) {
    app.get(path, loginPage.show);
    app.post(path, { config: { permission: 'none' } }, loginPage.submit);
  }
  for (const path of ['/recovery', '/recovery/']) app.get(path, pageNeeding(['ADMIN']));

  // Any other browser path shows the app too (it routes on the client); API paths keep their JSON 404.
  // Known routes pass straight on (no promise for them); only unknown page paths wait for the page.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return done();
    if (!isPagePath(request.url) || !String(request.headers.accept ?? '').includes('text/html')) return done();
    servePage(request, reply).then(
      () => undefined,
      (error: Error) => done(error),
    );
    return undefined;
  });
}
