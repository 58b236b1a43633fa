// The login page's markup: a plain HTML form that works without JavaScript, on its own or inside the app's page.

export interface LoginFormModel {
  /** The server's path prefix behind a reverse proxy ('' when none). */
  scriptRoot: string;
  /** The value of the CSRF cookie just set, sent back in the form. */
  csrfToken: string;
  /** Where to go after logging in (already checked to be local), or null for the app. */
  redirect: string | null;
  /** The user name to fill in again after a failed attempt. */
  user?: string;
  /** What went wrong, shown above the form. */
  error?: string | null;
  /** The cookie suffix of this server, for the app's page. */
  cookieSuffix: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The form alone: posts user, pass, remember, redirect and the CSRF token to this server's /login/. */
export function loginForm(model: LoginFormModel): string {
  const root = escapeHtml(model.scriptRoot);
  const error = model.error ? `<p class="login-error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const redirect = model.redirect === null ? '' : `<input type="hidden" name="redirect" value="${escapeHtml(model.redirect)}">\n`;
  return [
    `<form class="login-form" method="post" action="${root}/login/" accept-charset="utf-8">`,
    `<h1>Log in to Argonaut</h1>`,
    error,
    `<p><label for="login-user">Username</label><br><input id="login-user" name="user" autocomplete="username" required value="${escapeHtml(model.user ?? '')}"></p>`,
    `<p><label for="login-pass">Password</label><br><input id="login-pass" name="pass" type="password" autocomplete="current-password" required></p>`,
    `<p><label><input type="checkbox" name="remember" value="true"> Keep me logged in on this device</label></p>`,
    `<input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">`,
    redirect,
    `<p><button type="submit">Log in</button></p>`,
    `<p><a href="${root}/">Open the Argonaut app</a> (it needs JavaScript)</p>`,
    `</form>`,
  ].join('\n');
}

/** A page of its own around the form (when the app is not built, or after a failed attempt without JavaScript). */
export function loginDocument(model: LoginFormModel): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="argonaut-cookie-suffix" content="${escapeHtml(model.cookieSuffix)}">`,
    '<title>Log in · Argonaut</title>',
    '<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}input:not([type=checkbox]){width:100%;box-sizing:border-box;padding:.4rem}.login-error{color:#b00020}</style>',
    '</head>',
    '<body>',
    loginForm(model),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The app's page with the form for browsers without JavaScript (in place of its `<noscript>` notice). */
export function withLoginForm(appPage: string, model: LoginFormModel): string {
  const block = `<noscript>\n${loginForm(model)}\n</noscript>`;
  const notice = /<noscript>[\s\S]*?<\/noscript>/i;
  if (notice.test(appPage)) return appPage.replace(notice, () => block);
  return appPage.replace(/<\/body>/i, () => `${block}\n</body>`);
}
