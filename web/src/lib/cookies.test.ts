// Unit tests of OctoPrint's cookie-name suffix and cookie reading, as the page computes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeCookieSuffix, cookieSuffix, readCookie } from './cookies.js';

describe('cookies', () => {
  it('computes _P<port> and _R<root> like OctoPrint', () => {
    assert.equal(computeCookieSuffix(new URL('http://printer:5000/')), '_P5000');
    assert.equal(computeCookieSuffix(new URL('http://printer/')), '_P80');
    assert.equal(computeCookieSuffix(new URL('https://printer/octoprint/')), '_P443_R|octoprint');
    assert.equal(computeCookieSuffix(new URL('https://printer/a/b/')), '_P443_R|a|b');
  });

  it('prefers the suffix the server wrote into the page', () => {
    const withMeta = { baseURI: 'http://printer:8080/', querySelector: () => ({ getAttribute: () => '_P5000' }) } as unknown as Document;
    assert.equal(cookieSuffix(withMeta), '_P5000');
    const withoutMeta = { baseURI: 'http://printer:8080/', querySelector: () => null } as unknown as Document;
    assert.equal(cookieSuffix(withoutMeta), '_P8080');
  });

  it('reads one cookie out of document.cookie', () => {
    const text = 'session_P5000=abc; csrf_token_P5000=t%3Dk; csrf_token_P5001=other';
    assert.equal(readCookie(text, 'csrf_token_P5000'), 't=k');
    assert.equal(readCookie(text, 'csrf_token_P5001'), 'other');
    assert.equal(readCookie(text, 'csrf_token'), null);
  });
});
