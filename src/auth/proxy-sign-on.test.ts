// Parsing of Basic authorization headers and the names a proxy may sign on as.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BASIC_HEADER, acceptableRemoteName, parseBasicAuthorization } from './proxy-sign-on.js';

const encode = (text: string | Buffer) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it('reads user and password; the password may hold colons and be empty', () => {
    assert.deepEqual(parseBasicAuthorization(encode('alice:pass:word')), { user: 'alice', password: 'pass:word' });
    assert.deepEqual(parseBasicAuthorization(encode('jörg:')), { user: 'jörg', password: '' });
  });

  it('refuses malformed headers without throwing', () => {
    const bad = [undefined, '', 'Basic', 'Basic ', 'basic YTpi', 'Bearer abc', 'Basic !!!', 'Basic YWxpY2U=', 'Basic OmI=', 'Basic YTpi====', 'Basic YT pi',
      encode(Buffer.from([0xff, 0x3a, 0x61])), `Basic ${'QUFB'.repeat(MAX_BASIC_HEADER)}`];
    for (const value of bad) assert.equal(parseBasicAuthorization(value), null, String(value).slice(0, 30));
  });
});

describe('acceptableRemoteName', () => {
  it('takes ordinary user names', () => {
    for (const name of ['alice', 'Jörg Müller', 'ops@example.org', 'admin']) assert.ok(acceptableRemoteName(name), name);
  });

  it('refuses system identities and names users cannot have', () => {
    for (const name of ['_api', '_API', '_anything', 'guest', 'GUEST', 'guests', 'anonymous', 'system', 'a:b', ' admin', 'ad\tmin', '', 'x'.repeat(65)]) {
      assert.ok(!acceptableRemoteName(name), JSON.stringify(name));
    }
  });
});
