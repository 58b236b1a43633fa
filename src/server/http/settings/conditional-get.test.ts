// OctoPrint's revalidation rules: ETag and/or Last-Modified, both must hold when both are sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { etagOf, isNotModified } from './conditional-get.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
const lastModified = Date.parse('2025-03-01T10:00:00.750Z');
const validators = { etag: etagOf({ a: 1 }), lastModified };

describe('conditional GET', () => {
  it('makes strong, content-dependent ETags', () => {
    assert.match(validators.etag, /^"[0-9a-f]{40}"$/);
    assert.equal(etagOf({ a: 1 }), validators.etag);
    assert.notEqual(etagOf({ a: 2 }), validators.etag);
    assert.notEqual(etagOf({ a: 1 }, ['ADMIN']), validators.etag);
  });

  it('compares If-None-Match lists, weak tags and *', () => {
    assert.equal(isNotModified(request({ 'if-none-match': validators.etag }), validators), true);
    assert.equal(isNotModified(request({ 'if-none-match': `"x", W/${validators.etag}` }), validators), true);
    assert.equal(isNotModified(request({ 'if-none-match': '*' }), validators), true);
    assert.equal(isNotModified(request({ 'if-none-match': '"x"' }), validators), false);
  });

  it('compares If-Modified-Since in whole seconds', () => {
    assert.equal(isNotModified(request({ 'if-modified-since': 'Sat, 01 Mar 2025 10:00:00 GMT' }), validators), true);
    assert.equal(isNotModified(request({ 'if-modified-since': 'Sat, 01 Mar 2025 09:59:59 GMT' }), validators), false);
    assert.equal(isNotModified(request({ 'if-modified-since': 'not a date' }), validators), false);
  });

  it('needs both when both are sent, and neither means stale', () => {
    assert.equal(isNotModified(request({ 'if-none-match': validators.etag, 'if-modified-since': 'Sat, 01 Mar 2025 09:00:00 GMT' }), validators), false);
    assert.equal(isNotModified(request({ 'if-none-match': '"x"', 'if-modified-since': 'Sat, 01 Mar 2025 11:00:00 GMT' }), validators), false);
    assert.equal(isNotModified(request({}), validators), false);
  });
});
