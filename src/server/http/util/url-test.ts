// The `url` check of POST /api/util/test (e.g. "is this webcam URL reachable?"), guarded against SSRF.
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isNeverFetchedAddress } from '../../../auth/index.js';
import { HttpError, httpErrors } from '../errors.js';

const MAX_REDIRECTS = 5;
const MAX_TIMEOUT_S = 10;
const MAX_BODY = 1024 * 1024;

const RANGES: Record<string, [number, number]> = {
  informational: [100, 200],
  success: [200, 300],
  redirection: [300, 400],
  client_error: [400, 500],
  server_error: [500, 600],
  normal: [0, 400],
  error: [400, 600],
  any: [100, 1000],
  timeout: [0, 1],
};

export interface UrlTestResult {
  url: string;
  status: number;
  result: boolean;
  response?: { assumed_content_type: string; content?: unknown };
}

type StatusCheck = (status: number) => boolean;

function statusChecks(value: unknown): StatusCheck[] {
  if (value === undefined) return [(status) => status > 0 && status < 400];
  const list = Array.isArray(value) ? value : [value];
  const checks: StatusCheck[] = [];
  for (const entry of list) {
    if (typeof entry === 'number') checks.push((status) => status === entry);
    else if (typeof entry === 'string' && RANGES[entry]) {
      const [start, end] = RANGES[entry] as [number, number];
      checks.push((status) => status >= start && status < end);
    }
  }
  return checks;
}

function mimeParts(type: string): [string, string] {
  const [main = '', sub = ''] = (type.split(';')[0] ?? '').trim().toLowerCase().split('/');
  return [main, sub];
}

function mimeMatches(type: string, pattern: string): boolean {
  const [a, b] = mimeParts(type);
  const [x, y] = mimeParts(pattern);
  return (x === '*' || x === a) && (y === '*' || y === b);
}

function mimeList(value: unknown, name: string): string[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw httpErrors.badRequest(`${name} must be a list of mime types`);
  }
  return value;
}

/** Resolves the host and refuses blocked addresses; returns the address to connect to. */
async function vettedAddress(url: URL): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) throw new Error('unresolvable');
  if (addresses.some((entry) => isNeverFetchedAddress(entry.address))) {
    throw httpErrors.badRequest('The url points at a link-local, metadata or broadcast address, which is never fetched.');
  }
  return addresses[0] as { address: string; family: number };
}

function fetchOnce(url: URL, method: string, timeoutMs: number, validSsl: boolean, pinned: { address: string; family: number }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      method,
      timeout: timeoutMs,
      rejectUnauthorized: validSsl,
      // Connect to the address that was checked, never to a second lookup's answer.
      lookup: (_host, _options, callback) => callback(null, pinned.address, pinned.family),
    });
    request.once('response', resolve);
    request.once('timeout', () => request.destroy(new Error('timeout')));
    request.once('error', reject);
    request.end();
  });
}

async function readBody(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('response too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function testUrl(data: Record<string, unknown>): Promise<UrlTestResult> {
  const text = String(data.url);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw httpErrors.badRequest('url is invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw httpErrors.badRequest('url must be http or https');
  const method = typeof data.method === 'string' ? data.method.toUpperCase() : 'HEAD';
  if (method !== 'HEAD' && method !== 'GET') throw httpErrors.badRequest('method is invalid');
  const timeout = data.timeout === undefined ? 3 : Number(data.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw httpErrors.badRequest('timeout is invalid');
  const validSsl = data.validSsl === undefined ? true : ['true', 'yes', 'y', '1'].includes(String(data.validSsl).toLowerCase());
  const checks = statusChecks(data.status);
  const whitelist = mimeList(data.content_type_whitelist, 'content_type_whitelist');
  const blacklist = mimeList(data.content_type_blacklist, 'content_type_blacklist');

  let status = 0;
  let outcome = false;
  let response: UrlTestResult['response'];
  try {
    let current = url;
    let reply = await fetchOnce(current, method, Math.min(timeout, MAX_TIMEOUT_S) * 1000, validSsl, await vettedAddress(current));
    for (let hop = 0; reply.statusCode && reply.statusCode >= 300 && reply.statusCode < 400 && reply.headers.location; hop += 1) {
      reply.resume();
      if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
      current = new URL(reply.headers.location, current);
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new Error('redirect to another scheme');
      reply = await fetchOnce(current, method, Math.min(timeout, MAX_TIMEOUT_S) * 1000, validSsl, await vettedAddress(current));
    }
    status = reply.statusCode ?? 0;
    const contentType = reply.headers['content-type'] || 'application/octet-stream';
    response = { assumed_content_type: contentType };
    const allowed = (!whitelist || whitelist.some((pattern) => mimeMatches(contentType, pattern))) && !(blacklist ?? []).some((pattern) => mimeMatches(contentType, pattern));
    outcome = checks.some((check) => check(status)) && allowed;
    const wanted = data.response;
    if (allowed && method === 'GET' && (wanted === 'json' || wanted === 'bytes' || wanted === true || wanted === 'true')) {
      const body = await readBody(reply);
      response.content = wanted === 'json' ? JSON.parse(body.toString('utf8')) : body.toString('base64');
    } else {
      reply.resume();
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    outcome = checks.some((check) => check(0)) && status === 0;
  }
  const result: UrlTestResult = { url: text, status, result: outcome };
  if (response) result.response = response;
  return result;
}
