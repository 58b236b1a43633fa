// Cookie helpers: OctoPrint's cookie-name suffix (`_P<port>[_R<root>]`) and reading one cookie by name.

/** The suffix the server put in its cookie names: from the page's meta tag, else computed like OctoPrint's JS client. */
export function cookieSuffix(doc: Pick<Document, 'querySelector' | 'baseURI'>): string {
  const meta = doc.querySelector('meta[name="argonaut-cookie-suffix"]')?.getAttribute('content');
  if (meta) return meta;
  return computeCookieSuffix(new URL(doc.baseURI));
}

/** `_P<port>`, plus `_R<path with / as |>` when the app lives under a path prefix. */
export function computeCookieSuffix(base: Pick<URL, 'port' | 'protocol' | 'pathname'>): string {
  const port = base.port || (base.protocol === 'https:' ? '443' : '80');
  const root = base.pathname.replace(/\/+$/, '');
  return root ? `_P${port}_R${root.replace(/\//g, '|')}` : `_P${port}`;
}

/** The value of cookie `name` in a `document.cookie` string, or null. */
export function readCookie(cookieText: string, name: string): string | null {
  for (const part of cookieText.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    if (part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}
