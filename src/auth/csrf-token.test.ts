// CSRF tokens: header must equal cookie, and the token must have been issued for this session.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ANONYMOUS_BINDING, CsrfTokens, loadServerSecret } from './csrf-token.js';

describe('CsrfTokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-csrf-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its secret in a 0600 file and reuses it', () => {
    const file = join(dir, 'secret.key');
    const first = loadServerSecret(file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadServerSecret(file), first);
  });

  it('accepts the token only for its own session, with header and cookie equal', () => {
    const tokens = new CsrfTokens(loadServerSecret(join(dir, 'secret.key')));
    const a = tokens.issue('session-a');
    const b = tokens.issue('session-b');
    assert.equal(tokens.verify('session-a', a, a), true);
    assert.equal(tokens.verify('session-b', a, a), false, 'a token from another session fails');
    assert.equal(tokens.verify('session-a', a, b), false, 'cookie and header differ');
    assert.equal(tokens.verify('session-a', a, undefined), false);
    assert.equal(tokens.verify('session-a', undefined, a), false);
    assert.equal(tokens.verify('session-a', 'garbage', 'garbage'), false, 'a matching pair that was never signed');
    assert.equal(tokens.verify('session-a', 'x'.repeat(5000), 'x'.repeat(5000)), false);
    const anonymous = tokens.issue(ANONYMOUS_BINDING);
    assert.equal(tokens.verify(ANONYMOUS_BINDING, anonymous, anonymous), true);
    assert.equal(tokens.verify('session-a', anonymous, anonymous), false);
    const otherServer = new CsrfTokens(Buffer.alloc(32, 7));
    assert.equal(otherServer.verify('session-a', a, a), false, 'another secret does not verify');
  });
});
