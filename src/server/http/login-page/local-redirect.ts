// Where the login page may send a browser afterwards: only this server's own pages (OctoPrint's open-redirect rule).

/** Paths under the script root the login page may go back to; a trailing `*` allows everything below. */
export const REDIRECT_PATHS: readonly string[] = ['/', '/recovery', '/recovery/', '/plugin/appkeys/auth/*'];

/**
 * The redirect target when it is a local path of this server (no scheme, no host, no `//` or `\`), under the script
 * root, to one of the allowed pages; otherwise null. The path is resolved first, so `/../evil` cannot sneak past.
 */
export function localRedirect(value: unknown, scriptRoot: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  // Control characters and backslashes: browsers may read `/\evil.example` as another host.
  if (/[\u0000-\u001f\u007f\\]/.test(value) || !value.startsWith('/') || value.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://argonaut.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://argonaut.invalid') return null;
  if (scriptRoot !== '' && url.pathname !== scriptRoot && !url.pathname.startsWith(`${scriptRoot}/`)) return null;
  const path = url.pathname.slice(scriptRoot.length) || '/';
  const allowed = REDIRECT_PATHS.some((entry) => (entry.endsWith('*') ? path.startsWith(entry.slice(0, -1)) : path === entry));
  return allowed ? `${url.pathname}${url.search}${url.hash}` : null;
}
