// HttpError: an answer with a status, message and headers, made without a stack trace and leaving the limit as it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError, httpErrors } from './errors.js';

describe('HttpError', () => {
  it('carries status, message and headers, is an Error, and restores the stack trace limit', () => {
    const limit = Error.stackTraceLimit;
    const error = new HttpError(429, 'Too many', { 'Retry-After': '3' });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'HttpError');
    assert.equal(error.statusCode, 429);
    assert.equal(error.message, 'Too many');
    assert.deepEqual(error.headers, { 'Retry-After': '3' });
    assert.equal(Error.stackTraceLimit, limit);
    assert.equal(httpErrors.conflict('busy').statusCode, 409);
    assert.deepEqual(new HttpError(400, 'x').headers, {});
  });
});
