// Where a request really comes from and how it was addressed, believing forwarded headers only from trusted proxies.
import { SubnetSet, normaliseAddress } from './network.js';

export interface ReverseProxySettings {
  trustedProxies: readonly string[];
  /** OctoPrint's `trustLocalhostProxies`: 127.0.0.1 and ::1 are trusted too (absent means false). */
  trustLocalhostProxies?: boolean;
  prefixHeader: string | null;
  schemeHeader: string | null;
  hostHeader: string | null;
  portHeader: string | null;
  prefixFallback: string | null;
  schemeFallback: string | null;
  hostFallback: string | null;
  portFallback: string | null;
}

export interface RequestOrigin {
  /** The real client address (after trusted X-Forwarded-For hops). */
  clientIp: string;
  scheme: 'http' | 'https';
  /** Host as the client addressed it, with port if not the scheme's default, e.g. `printer.local:5000`. */
  host: string;
  /** The port the client connected to (for cookie names: the server's own port when not proxied). */
  port: number;
  /** Path prefix under which the app is served, '' or e.g. '/octoprint'. */
  scriptRoot: string;
  /** Absolute base URL without a trailing slash, e.g. `http://printer.local:5000/octoprint`. */
  baseUrl: string;
  /** Whether the forwarded headers were believed. */
  proxied: boolean;
}

export interface RawRequestInfo {
  remoteAddress: string;
  headers: Record<string, string | string[] | undefined>;
  serverPort: number;
  encrypted: boolean;
}

/** Loopback proxies, trusted with `trustLocalhostProxies`. */
export const LOCALHOST_PROXIES: readonly string[] = ['127.0.0.1', '::1'];

/** The proxies to trust: the configured list, plus the loopback addresses when trustLocalhostProxies is on. */
export function trustedProxyList(settings: Pick<ReverseProxySettings, 'trustedProxies' | 'trustLocalhostProxies'>): readonly string[] {
  return settings.trustLocalhostProxies ? [...LOCALHOST_PROXIES, ...settings.trustedProxies] : settings.trustedProxies;
}

function header(headers: RawRequestInfo['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? undefined : text.split(',')[0]?.trim();
}

function firstHeader(headers: RawRequestInfo['headers'], names: Array<string | null>): string | undefined {
  for (const name of names) {
    if (!name) continue;
    const value = header(headers, name);
    if (value) return value;
  }
  return undefined;
}

/** Walks X-Forwarded-For from the right, skipping trusted proxies, to find the real client. */
function clientFromForwardedFor(remote: string, headers: RawRequestInfo['headers'], trusted: SubnetSet): string {
  const raw = headers['x-forwarded-for'];
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  if (!text) return remote;
  const hops = text.split(',').map((h) => h.trim()).filter(Boolean);
  let client = remote;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!trusted.has(client)) break;
    client = hops[i] ?? client;
  }
  return client;
}

function cleanPrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  const trimmed = prefix.trim().replace(/\/+$/, '');
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(trimmed)) return '';
  return trimmed === '/' ? '' : trimmed;
}

/**
 * `trusted` is trustedProxyList(settings) parsed once (see SubnetSet); a caller that resolves every request passes its
 * own, kept until the list changes.
 */
export function resolveRequestOrigin(
  info: RawRequestInfo,
  settings: ReverseProxySettings,
  trusted: SubnetSet = new SubnetSet(trustedProxyList(settings)),
): RequestOrigin {
  const remote = normaliseAddress(info.remoteAddress || '0.0.0.0');
  const proxied = trusted.has(remote);
  const headers = info.headers;
  const fromProxy = (names: Array<string | null>, fallback: string | null): string | undefined =>
    (proxied ? firstHeader(headers, names) : undefined) ?? fallback ?? undefined;

  const clientIp = proxied ? normaliseAddress(clientFromForwardedFor(remote, headers, trusted)) : remote;
  const schemeText = fromProxy([settings.schemeHeader, 'x-forwarded-proto', 'x-scheme'], settings.schemeFallback);
  const scheme: 'http' | 'https' = schemeText?.toLowerCase() === 'https' ? 'https' : schemeText?.toLowerCase() === 'http' ? 'http' : info.encrypted ? 'https' : 'http';
  const scriptRoot = cleanPrefix(fromProxy([settings.prefixHeader, 'x-script-name', 'x-forwarded-prefix'], settings.prefixFallback));

  const hostHeader = header(headers, 'host');
  const forwardedHost = fromProxy([settings.hostHeader, 'x-forwarded-host'], settings.hostFallback);
  const forwardedPort = fromProxy([settings.portHeader, 'x-forwarded-port'], settings.portFallback);
  let host = sanitiseHost(forwardedHost ?? hostHeader ?? `localhost:${info.serverPort}`) ?? `localhost:${info.serverPort}`;
  const portInHost = /:(\d+)$/.exec(host)?.[1];
  let port = info.serverPort;
  if (forwardedPort && /^\d{1,5}$/.test(forwardedPort)) {
    port = Number(forwardedPort);
    host = host.replace(/:\d+$/, '');
    const isDefault = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
    if (!isDefault) host = `${host}:${port}`;
  } else if (proxied && forwardedHost) {
    port = portInHost ? Number(portInHost) : scheme === 'https' ? 443 : 80;
  }
  return { clientIp, scheme, host, port, scriptRoot, baseUrl: `${scheme}://${host}${scriptRoot}`, proxied };
}

/** Accepts only host[:port] made of safe characters, so a Host header cannot inject into URLs. */
function sanitiseHost(value: string): string | null {
  const trimmed = value.trim();
  return /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.\-_]+)(:\d{1,5})?$/.test(trimmed) ? trimmed : null;
}

/** OctoPrint's cookie suffix: `_P<port>`, plus `_R<root with / as |>` under a script root. */
export function cookieSuffix(origin: Pick<RequestOrigin, 'port' | 'scriptRoot'>): string {
  const root = origin.scriptRoot ? `_R${origin.scriptRoot.replace(/\//g, '|')}` : '';
  return `_P${origin.port}${root}`;
}
