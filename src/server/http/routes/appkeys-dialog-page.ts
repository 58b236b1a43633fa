// The auth dialog's HTML: who asks, from where, and either a login form or the choice to allow (narrowed) or deny.

export interface DialogChoice {
  key: string;
  name: string;
}

export interface DialogView {
  app: string;
  remoteAddress: string;
  /** The user the app named, or null. */
  requestedUser: string | null;
  /** 'decide': show the choice; 'login': show the login form with `notice`. */
  mode: 'decide' | 'login';
  notice: string | null;
  /** Name for the login form (fixed when the app named a user). */
  loginName: string;
  /** What the key may be limited to (decide mode), all checked at first. */
  choices: DialogChoice[];
  /** Whether the app asked for a scope (then the choices are that scope). */
  scoped: boolean;
  decideUrl: string;
  loginUrl: string;
  scriptUrl: string;
  cookieSuffix: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
  main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: .75rem 0; }
  input[type=text], input[type=password] { display: block; width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font-size: 1rem; }
  fieldset { border: 1px solid #ccd; border-radius: 6px; margin: 1rem 0; }
  fieldset label { margin: .25rem 0; }
  .buttons { display: flex; gap: .75rem; margin-top: 1rem; }
  button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: 6px; border: 1px solid #889; background: #fff; cursor: pointer; }
  button.primary { background: #2457c5; border-color: #2457c5; color: #fff; }
  button.danger { background: #b3261e; border-color: #b3261e; color: #fff; }
  .notice { background: #fff6d6; padding: .5rem .75rem; border-radius: 6px; }
  .muted { color: #5a6170; }
  .status.error { color: #b3261e; }
  @media (prefers-color-scheme: dark) {
    body { background: #14171c; color: #e6e8ec; } main { background: #1f232a; }
    button { background: #2a2f38; color: #e6e8ec; } .notice { background: #3d3520; } .muted { color: #a4abb8; }
  }
`;

function loginForm(view: DialogView): string {
  const fixed = view.requestedUser !== null;
  return `
    ${view.notice ? `<p class="notice">${escapeHtml(view.notice)}</p>` : ''}
    <form id="login-form">
      <label>User name
        <input type="text" name="user" autocomplete="username" required value="${escapeHtml(view.loginName)}"${fixed ? ' readonly' : ''}>
      </label>
      <label>Password
        <input type="password" name="pass" autocomplete="current-password" required>
      </label>
      <div class="buttons"><button type="submit" class="primary">Log in</button></div>
    </form>`;
}

function decideForm(view: DialogView): string {
  const boxes = view.choices
    .map((c) => `<label><input type="checkbox" name="permission" value="${escapeHtml(c.key)}" checked> ${escapeHtml(c.name)}</label>`)
    .join('\n        ');
  const legend = view.scoped ? 'The app asks to be allowed to' : 'The app may (untick what it should not do)';
  return `
    <form id="decide-form">
      <fieldset>
        <legend>${legend}</legend>
        ${boxes}
      </fieldset>
      <div class="buttons">
        <button type="submit" class="primary" id="allow">Allow</button>
        <button type="button" class="danger" id="deny">Deny</button>
      </div>
    </form>`;
}

export function renderDialogPage(view: DialogView): string {
  const asUser = view.requestedUser === null ? '' : ` as <strong>${escapeHtml(view.requestedUser)}</strong>`;
  const attributes = [
    `data-decide-url="${escapeHtml(view.decideUrl)}"`,
    `data-login-url="${escapeHtml(view.loginUrl)}"`,
    `data-cookie-suffix="${escapeHtml(view.cookieSuffix)}"`,
    `data-scoped="${view.scoped ? 'true' : 'false'}"`,
  ].join(' ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>Allow access? – Argonaut</title>
  <style>${STYLE}</style>
</head>
<body>
  <main id="appkeys-dialog" ${attributes}>
    <h1>An app asks for access</h1>
    <p>A client calling itself <strong>${escapeHtml(view.app)}</strong> asks for an API key to control this printer${asUser}.
      The request came from <code>${escapeHtml(view.remoteAddress)}</code>.</p>
    <p class="muted">Only allow it if you started this in that app just now.</p>
    ${view.mode === 'decide' ? decideForm(view) : loginForm(view)}
    <p id="status" class="status" role="status" aria-live="polite"></p>
  </main>
  <script src="${escapeHtml(view.scriptUrl)}"></script>
</body>
</html>
`;
}

/** The page for a request that is unknown, decided or expired. */
export function renderGonePage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Request not found – Argonaut</title><style>${STYLE}</style></head>
<body><main><h1>This request is not waiting</h1>
<p>The app stopped asking, the request was already decided, or the link is wrong. Start again in the app.</p></main></body>
</html>
`;
}
