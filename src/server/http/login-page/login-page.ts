// GET and POST /login(/): a server-rendered login form that works without JavaScript, inside the app's page when built.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginRateLimitedError, cookieSuffix } from '../../../auth/index.js';
import { ArgonautError } from '../../../shared/index.js';
import { HttpError } from '../errors.js';
import { CSRF_COOKIE } from '../middleware/auth-cookies.js';
import { suffixedCookies } from '../middleware/authenticate.js';
import { setCsrfCookie } from '../middleware/csrf.js';
import { requestValues } from '../request-helpers.js';
import { loginWithPassword } from '../routes/login.js';
import type { HttpServices } from '../services.js';
import { localRedirect } from './local-redirect.js';
import { loginDocument, withLoginForm } from './login-page-html.js';
import type { LoginFormModel } from './login-page-html.js';

export interface LoginPageOptions {
  /** The app's page with the base URL filled in, or null when the UI is not built. */
  appPage(request: FastifyRequest): string | null;
}

const EXPIRED = 'The login form has expired. Please log in again.';
const WRONG = 'Wrong username or password.';

function text(value: unknown, limit: number): string {
  return typeof value === 'string' ? value.slice(0, limit) : '';
}

export function createLoginPage(services: HttpServices, options: LoginPageOptions) {
  /** Renders the page with a fresh CSRF token (cookie and form field) and the guest session OctoPrint hands out. */
  const render = (request: FastifyRequest, reply: FastifyReply, status: number, form: Pick<LoginFormModel, 'redirect' | 'user' | 'error'>): FastifyReply => {
    const csrfToken = setCsrfCookie(request, reply);
    request.server.authCookies.guestSession(request, reply);
    const model: LoginFormModel = { ...form, csrfToken, scriptRoot: request.origin.scriptRoot, cookieSuffix: cookieSuffix(request.origin) };
    const appPage = status === 200 ? options.appPage(request) : null;
    const html = appPage === null ? loginDocument(model) : withLoginForm(appPage, model);
    return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  };

  const show = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    return render(request, reply, 200, { redirect: localRedirect(query.redirect, request.origin.scriptRoot) });
  };

  /** The form's answer: logged in, off to the page asked for (if local) or the app; else the form again, with why. */
  const submit = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const values = requestValues(request);
    const redirect = localRedirect(values.redirect, request.origin.scriptRoot);
    const user = text(values.user, 64);
    // The double submit of the API, with the token in a form field (a form cannot send X-CSRF-Token).
    const cookie = suffixedCookies(request, request.origin)[CSRF_COOKIE];
    const field = typeof values.csrf_token === 'string' ? values.csrf_token : undefined;
    if (services.config.config.devel.enableCsrfProtection && !services.access.csrf.verify(services.access.csrfBinding(request.identity), cookie, field)) {
      return render(request, reply, 400, { redirect, user, error: EXPIRED });
    }
    try {
      await loginWithPassword(request, reply, services, { user: values.user, pass: values.pass, remember: values.remember });
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 429) {
        for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
        return render(request, reply, 429, { redirect, user, error: error.message });
      }
      if (error instanceof ArgonautError || error instanceof LoginRateLimitedError) return render(request, reply, 403, { redirect, user, error: WRONG });
      throw error;
    }
    const location = redirect ?? `${request.origin.scriptRoot}/`;
    return reply.code(302).header('Location', location).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send('');
  };

  return { show, submit };
}
