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

describe('the error catalogue is the one way to answer 400, 403, 404, 409 and 415', () => {
  it('no module of the HTTP layer builds those answers by hand with a plain message', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const root = new URL('./', import.meta.url);
    const offenders: string[] = [];
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name === 'errors.ts') continue;
      const file = `${entry.parentPath}/${entry.name}`;
      const text = readFileSync(file, 'utf8');
      // A hand-made answer with no headers of its own: the catalogue's helpers say the same in one place.
      if (/new HttpError\((400|403|404|409|415), [^,()]*(\([^()]*\))?\)/.test(text)) offenders.push(file.slice(root.pathname.length));
    }
    assert.deepEqual(offenders, []);
  });
});
