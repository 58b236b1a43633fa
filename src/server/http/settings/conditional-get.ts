// Conditional GET as OctoPrint's with_revalidation_checking does it: ETag and Last-Modified, 304 when both still hold.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Validators {
  /** Quoted strong entity tag, e.g. `"3f2a…"`. */
  etag: string;
  /** Last change, epoch milliseconds. */
  lastModified: number;
}

/** A strong ETag over the given parts (any JSON-serialisable values). */
export function etagOf(...parts: unknown[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(JSON.stringify(part) ?? 'undefined').update('\u0000');
  return `"${hash.digest('hex')}"`;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === bare);
}

function notModifiedSince(ifModifiedSince: string, lastModified: number): boolean {
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  // HTTP dates have whole seconds.
  return since >= Math.floor(lastModified / 1000) * 1000;
}

/** Whether the client's cached copy is still current: both validators when both are sent, else the one sent. */
export function isNotModified(request: FastifyRequest, validators: Validators): boolean {
  const ifNoneMatch = header(request, 'if-none-match');
  const ifModifiedSince = header(request, 'if-modified-since');
  if (ifNoneMatch && ifModifiedSince) {
    return etagMatches(ifNoneMatch, validators.etag) && notModifiedSince(ifModifiedSince, validators.lastModified);
  }
  if (ifNoneMatch) return etagMatches(ifNoneMatch, validators.etag);
  if (ifModifiedSince) return notModifiedSince(ifModifiedSince, validators.lastModified);
  return false;
}

/** Sets ETag and Last-Modified; answers 304 without a body when the client's copy is current. */
export function revalidate(request: FastifyRequest, reply: FastifyReply, validators: Validators, bypass = false): boolean {
  reply.header('ETag', validators.etag);
  reply.header('Last-Modified', new Date(validators.lastModified).toUTCString());
  if (bypass || !isNotModified(request, validators)) return false;
  reply.code(304).send();
  return true;
}
