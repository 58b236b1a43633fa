// Feeds the audit log from the HTTP API: after each answer, the security-relevant routes (logins, users, groups,
// keys, settings, system and printer commands) and every refused write become one entry. Passwords, keys and
// tokens in bodies are never read; settings changes list only the names of the sections changed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditText } from './audit-log.js';
import type { AuditLog, AuditResult } from './audit-log.js';

type Body = Record<string, unknown>;
type Params = Record<string, string | undefined>;

/** What an answered request means for the audit log: an action and its target, or null when it is not audited. */
type Describe = (body: Body, params: Params, request: FastifyRequest) => { action: string; target: string | null } | null;

const fixed = (action: string, target: (body: Body, params: Params) => unknown = () => null): Describe => (body, params) => ({ action, target: auditText(target(body, params)) });

function firstCommand(body: Body): unknown {
  if (typeof body.command === 'string') return body.command;
  if (Array.isArray(body.commands)) return body.commands.filter((c) => typeof c === 'string').join(' | ');
  if (typeof body.script === 'string') return `script ${body.script}`;
  return null;
}

const ROUTES: Record<string, Describe> = {
  'POST /api/login': (body) => ('user' in body && 'pass' in body ? { action: 'login', target: auditText(body.user) } : null),
  'POST /api/logout': (_body, _params, request) => (request.identity?.name ? { action: 'logout', target: null } : null),
  'POST /api/setup/admin': fixed('setup.admin', (body) => body.user),
  'POST /api/access/users': fixed('user.create', (body) => body.name),
  'PUT /api/access/users/:name': fixed('user.update', (_b, params) => params.name),
  'DELETE /api/access/users/:name': fixed('user.delete', (_b, params) => params.name),
  'PUT /api/access/users/:name/password': fixed('user.password', (_b, params) => params.name),
  'PATCH /api/access/users/:name/settings': fixed('user.settings', (_b, params) => params.name),
  'POST /api/access/users/:name/apikey': fixed('apikey.create', (_b, params) => params.name),
  'DELETE /api/access/users/:name/apikey': fixed('apikey.revoke', (_b, params) => params.name),
  'POST /api/access/groups': fixed('group.create', (body) => body.key),
  'PUT /api/access/groups/:key': fixed('group.update', (_b, params) => params.key),
  'DELETE /api/access/groups/:key': fixed('group.delete', (_b, params) => params.key),
  'POST /api/settings': fixed('settings.update', (body) => Object.keys(body).sort().join(',')),
  'POST /plugin/appkeys/request': fixed('appkey.request', (body) => body.app),
  'POST /plugin/appkeys/decision/:userToken': (body) => ({ action: body.decision === true || body.decision === 'true' ? 'appkey.approve' : 'appkey.deny', target: null }),
  'POST /plugin/appkeys/auth/:appToken': (body) => ({ action: body.decision === true || body.decision === 'true' ? 'appkey.approve' : 'appkey.deny', target: null }),
  'POST /api/plugin/appkeys': (body) => {
    if (body.command === 'generate') return { action: 'appkey.create', target: auditText(body.app) };
    if (body.command === 'revoke') return { action: 'appkey.revoke', target: auditText(typeof body.app === 'string' ? body.app : 'by key') };
    return null;
  },
  'POST /api/system/commands/:source/:action': fixed('system.command', (_b, params) => `${params.source ?? ''}/${params.action ?? ''}`),
  'POST /api/printer/command': fixed('printer.command', firstCommand),
  'POST /api/connection': fixed('printer.connection', (body) => body.command),
  'POST /api/job': fixed('job.command', (body) => body.command),
  'POST /api/plugin/psucontrol': (body) => (body.command === 'getPSUState' ? null : { action: 'power.command', target: auditText(body.command) }),
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function resultOf(status: number): AuditResult {
  if (status < 400) return 'success';
  if (status === 429) return 'rate-limited';
  if (status === 403) return 'denied';
  return 'failure';
}

function bodyOf(request: FastifyRequest): Body {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Body) : {};
}

/** Adds the hook that writes audit entries for `http`'s answers. */
export function auditHttpRequests(http: FastifyInstance, audit: AuditLog): void {
  // A callback hook (not async): no promise for each of the many requests that are not audited.
  http.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    try {
      recordAnswer(audit, request, reply);
    } finally {
      done();
    }
  });
}

function recordAnswer(audit: AuditLog, request: FastifyRequest, reply: FastifyReply): void {
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  const describe = ROUTES[route];
  const status = reply.statusCode;
  const identity = request.identity;
  const body = bodyOf(request);
  let described = describe ? describe(body, (request.params ?? {}) as Params, request) : null;
  // Every other refused write is worth a line too (someone tried something they may not do).
  if (!described && status === 403 && WRITES.has(request.method) && request.routeOptions.url) {
    described = { action: 'denied', target: auditText(route) };
  }
  if (!described) return;
  const login = described.action === 'login' || described.action === 'setup.admin';
  audit.record({
    actor: login ? described.target : (identity?.name ?? null),
    ip: request.origin?.clientIp ?? request.ip,
    mechanism: login ? 'password' : (identity?.mechanism ?? null),
    action: login && status >= 400 ? `${described.action}.failed` : described.action,
    target: described.target,
    result: resultOf(status),
    status,
  });
}
