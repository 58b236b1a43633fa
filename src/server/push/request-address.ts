// Where a push request comes from and which host it addressed, believing forwarded headers only from trusted proxies.
import type { IncomingMessage } from 'node:http';
import { resolveRequestOrigin } from '../../auth/index.js';
import type { ReverseProxySettings } from '../../auth/index.js';

export interface PushRequestInfo {
  /** The real client address (for per-address limits and session binding). */
  clientIp: string;
  /** Host names the server was addressed by: the Host header and the public host behind a trusted proxy. */
  hosts: string[];
  /** The Origin header, if any. */
  origin: string | undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function pushRequestInfo(request: IncomingMessage, proxies: ReverseProxySettings, serverPort: number): PushRequestInfo {
  const socket = request.socket;
  const resolved = resolveRequestOrigin(
    {
      remoteAddress: socket.remoteAddress ?? '0.0.0.0',
      headers: request.headers,
      serverPort: socket.localPort ?? serverPort,
      encrypted: Boolean((socket as { encrypted?: boolean }).encrypted),
    },
    proxies,
  );
  const host = single(request.headers.host);
  return {
    clientIp: resolved.clientIp,
    hosts: [host ?? '', resolved.host].filter((h) => h !== ''),
    origin: single(request.headers.origin),
  };
}
