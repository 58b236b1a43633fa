// GET /reverse_proxy_test/: OctoPrint's page that shows how the server sees a request behind a reverse proxy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieSuffix } from '../../../auth/index.js';
import type { RequestOrigin } from '../../../auth/index.js';

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The page: what the server made of the request (the forwarded headers count only from trusted proxies). */
export function reverseProxyPage(origin: RequestOrigin): string {
  const rows: Array<[string, string]> = [
    ['Forwarded headers believed', origin.proxied ? 'yes (the peer is a trusted proxy)' : 'no'],
    ['Client address', origin.clientIp],
    ['Scheme', origin.scheme],
    ['Host', origin.host],
    ['Port', String(origin.port)],
    ['Path prefix', origin.scriptRoot || '(none)'],
    ['Base URL', origin.baseUrl],
    ['Cookie suffix', cookieSuffix(origin)],
  ];
  const body = rows.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Reverse proxy test – Argonaut</title></head>
<body>
<h1>Reverse proxy test</h1>
<p>How Argonaut sees this request. Behind a proxy, the base URL must be the address you typed into the browser;
if it is not, check <code>server.reverseProxy</code> in config.yaml and the headers your proxy sends.</p>
<table>
${body}
</table>
</body>
</html>
`;
}

export function registerReverseProxyTest(app: FastifyInstance): void {
  const page = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(reverseProxyPage(request.origin));
  // With and without the trailing slash, like OctoPrint's other page paths.
  for (const path of ['/reverse_proxy_test', '/reverse_proxy_test/']) app.get(path, { config: { permission: 'none' } }, page);
}
