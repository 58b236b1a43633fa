// SockJS over HTTP at /sockjs: info, xhr-polling, xhr-streaming and xhr_send, with the API's origin and CORS rules.
import { randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConfigStore } from '../../config/index.js';
import type { ConnectionLimiter } from './connection-limits.js';
import type { PushHub } from './push-hub.js';
import { CLOSE_CODES } from './push-channel.js';
import type { TransportName } from './push-channel.js';
import type { PushLimits, PushTimings } from './push-types.js';
import { pushRequestInfo } from './request-address.js';
import type { PushRequestInfo } from './request-address.js';
import { decodeClientFrame } from './sockjs-frames.js';
import { corsHeaders, originAllowed } from './sockjs-origin.js';
import type { SockjsSessionRegistry } from './sockjs-session-registry.js';
import type { SockjsReceiver } from './sockjs-session.js';

export interface SockjsHttpOptions {
  config: ConfigStore;
  hub: PushHub;
  limiter: ConnectionLimiter;
  sessions: SockjsSessionRegistry;
  limits: PushLimits;
  timings: PushTimings;
  serverPort(): number;
}

const NO_CACHE = 'no-store, no-cache, no-transform, must-revalidate, max-age=0';
const ID = /^[^./]{1,64}$/;
const STREAMING_PRELUDE = 'h'.repeat(2048) + '\n';
const ROUTE = { config: { csrfExempt: true, permission: 'none' as const } };

interface SessionParams {
  server: string;
  session: string;
}

/** One xhr response as a SockJS receiver: polling ends after one frame, streaming until its byte limit. */
class XhrReceiver implements SockjsReceiver {
  private sent = 0;
  constructor(
    private readonly response: ServerResponse,
    readonly streaming: boolean,
    private readonly limit: number,
  ) {}
  get bufferedBytes(): number {
    return this.response.writableLength;
  }
  write(frame: string): boolean {
    if (this.response.writableEnded || this.response.destroyed) return false;
    const text = frame + '\n';
    this.response.write(text);
    this.sent += text.length;
    return this.streaming && this.sent < this.limit;
  }
  end(): void {
    if (!this.response.writableEnded) this.response.end();
  }
}

export async function registerSockjsRoutes(app: FastifyInstance, options: SockjsHttpOptions): Promise<void> {
  const { hub, limiter, sessions, limits, timings } = options;
  const info = (request: FastifyRequest): PushRequestInfo =>
    pushRequestInfo(request.raw, options.config.config.server.reverseProxy, options.serverPort());
  /** The request info when its origin may use the socket; otherwise answers 403 and returns null. */
  const admitted = (request: FastifyRequest, reply: FastifyReply): PushRequestInfo | null => {
    const facts = info(request);
    if (originAllowed(facts.origin, facts.hosts, options.config.config.api.allowCrossOrigin)) return facts;
    void reply.code(403).type('text/plain; charset=UTF-8').send('Cross-origin requests to the push socket are not allowed.');
    return null;
  };
  const preflight = (methods: string) => (request: FastifyRequest, reply: FastifyReply) => {
    const facts = admitted(request, reply);
    if (!facts) return reply;
    const requested = request.headers['access-control-request-headers'];
    return reply
      .headers({
        ...corsHeaders(facts.origin, options.config.config.api.allowCrossOrigin),
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Max-Age': '31536000',
        'Cache-Control': 'public, max-age=31536000',
        ...(requested ? { 'Access-Control-Allow-Headers': String(requested) } : {}),
      })
      .code(204)
      .send();
  };

  const receive = (transport: TransportName) => (request: FastifyRequest<{ Params: SessionParams }>, reply: FastifyReply) => {
    const { server, session: id } = request.params;
    if (!ID.test(server) || !ID.test(id)) return reply.code(404).type('text/plain').send('Not found');
    const facts = admitted(request, reply);
    if (!facts) return reply;
    let session = sessions.get(id);
    if (session && session.remoteAddress !== facts.clientIp) return reply.code(404).type('text/plain').send('Not found');
    if (!session) {
      const lease = limiter.acquire(facts.clientIp);
      const created = lease ? sessions.create(id, facts.clientIp, transport) : null;
      if (!lease || !created) {
        lease?.dispose();
        return reply.code(503).type('text/plain').send(CLOSE_CODES.tooManyConnections.reason);
      }
      session = created;
      hub.open(session, lease);
    }
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'Content-Type': 'application/javascript; charset=UTF-8',
      'Cache-Control': NO_CACHE,
      'X-Content-Type-Options': 'nosniff',
      ...corsHeaders(facts.origin, options.config.config.api.allowCrossOrigin),
    });
    const streaming = transport === 'xhr-streaming';
    if (streaming) response.write(STREAMING_PRELUDE);
    const receiver = new XhrReceiver(response, streaming, timings.streamingResponseLimit);
    const attached = session;
    response.on('close', () => attached.detachReceiver(receiver));
    attached.attachReceiver(receiver, transport);
    return reply;
  };

  await app.register(async (scope) => {
    // xhr_send bodies are SockJS frames in any content type; read them as text, within the message limit.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: limits.maxMessageBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const id = (request.params as Partial<SessionParams>).session;
        const session = id ? sessions.get(id) : undefined;
        session?.close(CLOSE_CODES.tooBig.code, CLOSE_CODES.tooBig.reason);
        return reply.code(413).type('text/plain').send('Payload too large.');
      }
      return reply.code(400).type('text/plain').send('Bad request.');
    });

    scope.get('/sockjs', ROUTE, (_request, reply) => reply.type('text/plain; charset=UTF-8').send('Welcome to SockJS!\n'));
    scope.get('/sockjs/', ROUTE, (_request, reply) => reply.type('text/plain; charset=UTF-8').send('Welcome to SockJS!\n'));
    scope.get('/sockjs/info', ROUTE, (request, reply) => {
      const facts = admitted(request, reply);
      if (!facts) return reply;
      return reply
        .headers({ ...corsHeaders(facts.origin, options.config.config.api.allowCrossOrigin), 'Cache-Control': NO_CACHE })
        .type('application/json; charset=UTF-8')
        .send({ websocket: true, cookie_needed: false, origins: ['*:*'], entropy: randomInt(0, 2 ** 32 - 1) });
    });
    scope.options('/sockjs/info', ROUTE, preflight('OPTIONS, GET'));

    const notUpgraded = (_request: FastifyRequest, reply: FastifyReply): FastifyReply =>
      reply.code(400).type('text/plain').send('Can "Upgrade" only to "WebSocket".');
    scope.get('/sockjs/websocket', ROUTE, notUpgraded);
    scope.get('/sockjs/:server/:session/websocket', ROUTE, notUpgraded);

    scope.post('/sockjs/:server/:session/xhr', ROUTE, receive('xhr-polling'));
    scope.post('/sockjs/:server/:session/xhr_streaming', ROUTE, receive('xhr-streaming'));
    for (const transport of ['xhr', 'xhr_streaming', 'xhr_send']) {
      scope.options(`/sockjs/:server/:session/${transport}`, ROUTE, preflight('OPTIONS, POST'));
    }

    scope.post<{ Params: SessionParams; Body: unknown }>('/sockjs/:server/:session/xhr_send', ROUTE, (request, reply) => {
      const facts = admitted(request, reply);
      if (!facts) return reply;
      const session = sessions.get(request.params.session);
      if (!session || session.closed || session.remoteAddress !== facts.clientIp) {
        return reply.code(404).type('text/plain').send('Not found');
      }
      const body = typeof request.body === 'string' ? request.body : '';
      reply.headers({ ...corsHeaders(facts.origin, options.config.config.api.allowCrossOrigin), 'Cache-Control': NO_CACHE });
      // SockJS says 500 here; a client mistake is a 400 in this server.
      if (body === '') return reply.code(400).type('text/plain').send('Payload expected.');
      const texts = decodeClientFrame(body);
      if (!texts) return reply.code(400).type('text/plain').send('Broken JSON encoding.');
      session.deliver(texts);
      return reply.code(204).type('text/plain; charset=UTF-8').send();
    });
  });
}
