// Cross-origin rule of the push socket, the API's: any origin when api.allowCrossOrigin is on; otherwise only
// the page's own origin, or no Origin header at all (native clients). Never credentials.
function normaliseHost(host: string, protocol: string): string {
  const lower = host.trim().toLowerCase();
  if (protocol === 'http:' && lower.endsWith(':80')) return lower.slice(0, -3);
  if (protocol === 'https:' && lower.endsWith(':443')) return lower.slice(0, -4);
  return lower;
}

/**
 * Whether a request with this Origin header may use the socket. `hosts` are the names the server was
 * addressed by (the Host header, and the public host behind a trusted proxy).
 */
export function originAllowed(origin: string | undefined, hosts: ReadonlyArray<string | undefined>, allowCrossOrigin: boolean): boolean {
  if (allowCrossOrigin || origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const wanted = normaliseHost(url.host, url.protocol);
  return hosts.some((host) => host !== undefined && host !== '' && normaliseHost(host, url.protocol) === wanted);
}

/**
 * CORS headers for the SockJS HTTP transports, by the API's rule: none while api.allowCrossOrigin is off (the page's
 * own origin needs none); when on, the Origin echoed (never `null`) and never credentials (`cookie_needed` is
 * false, so sockjs-client never sends them).
 */
export function corsHeaders(origin: string | undefined, allowCrossOrigin: boolean): Record<string, string> {
  if (!allowCrossOrigin) return {};
  const echoed = origin?.trim();
  if (!echoed || echoed.toLowerCase() === 'null') return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': echoed, Vary: 'Origin' };
}
