// API keys: the stored hash is sha256 of the key, the index finds owners by prefix and compares whole hashes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ApiKeyIndex, apiKeyMatches, describeApiKey, hashApiKey, hashMatches } from './api-keys.js';

describe('api keys', () => {
  it('hashes keys with sha256 as lowercase hex (the format users.yaml keeps)', () => {
    assert.equal(hashApiKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hashApiKey('Ä€'), createHash('sha256').update(Buffer.from('Ä€', 'utf8')).digest('hex'), 'UTF-8 bytes are hashed');
    const stored = describeApiKey('ABCDEF0123456789ABCDEF0123456789', null);
    assert.equal(apiKeyMatches('ABCDEF0123456789ABCDEF0123456789', stored), true);
    assert.equal(apiKeyMatches('ABCDEF0123456789ABCDEF012345678A', stored), false);
    assert.equal(hashMatches(hashApiKey('ABCDEF0123456789ABCDEF0123456789'), stored), true);
    assert.equal(hashMatches('abcd', stored), false, 'a short hash never matches');
  });

  it('finds the owner among keys sharing a prefix, with or without a precomputed hash', () => {
    const index = new ApiKeyIndex<string>();
    const first = 'AAAAAAAA11111111111111111111111';
    const second = 'AAAAAAAA22222222222222222222222';
    index.add(describeApiKey(first, null), 'first');
    index.add(describeApiKey(second, null), 'second');
    assert.equal(index.find(first), 'first');
    assert.equal(index.find(second, hashApiKey(second)), 'second');
    assert.equal(index.find('AAAAAAAA33333333333333333333333'), null);
    assert.equal(index.find('BBBBBBBB11111111111111111111111'), null);
    assert.equal(index.find('   '), null);
  });
});
