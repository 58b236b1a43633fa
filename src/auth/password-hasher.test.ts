// Password hashing: OctoPrint's argon2id and salted sha512 hashes verify, old ones ask for a rehash, unknown users cost the same.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { PasswordHasher, isLegacySha512Hash } from './password-hasher.js';

/** Made by argon2-cffi's PasswordHasher() (the library OctoPrint 1.11 uses) for the password "TestPass123". */
const ARGON2_CFFI_HASH = '$argon2id$v=19$m=65536,t=3,p=4$2m5CBWkA489bnIwyY5iaWQ$w3ujhnFOTF63QwaBVK950q/NxCwyTVQF4LLTeHAEt/Y';

function octoprintSha512(password: string, salt: string): string {
  return createHash('sha512').update(password + salt, 'utf8').digest('hex');
}

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ legacySalt: 'Wq0LhoZfGsyZ8mu2tfJ3bQWbXGfVJ6Gt' });

  it('verifies an argon2id hash written by OctoPrint (argon2-cffi defaults) without asking for a rehash', async () => {
    assert.deepEqual(await hasher.verify('TestPass123', ARGON2_CFFI_HASH), { ok: true, needsRehash: false });
    assert.deepEqual(await hasher.verify('TestPass124', ARGON2_CFFI_HASH), { ok: false, needsRehash: false });
  });

  it('makes argon2id hashes with OctoPrint parameters that verify', async () => {
    const hash = await hasher.hash('correct horse');
    assert.match(hash, /^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    assert.equal((await hasher.verify('correct horse', hash)).ok, true);
    assert.equal((await hasher.verify('correct horsE', hash)).ok, false);
  });

  it('verifies OctoPrint salted sha512 hashes with the configured salt and asks for a rehash', async () => {
    const stored = octoprintSha512('päss wörd', 'Wq0LhoZfGsyZ8mu2tfJ3bQWbXGfVJ6Gt');
    assert.ok(isLegacySha512Hash(stored));
    assert.deepEqual(await hasher.verify('päss wörd', stored), { ok: true, needsRehash: true });
    assert.deepEqual(await hasher.verify('pass word', stored), { ok: false, needsRehash: false });
    const otherSalt = new PasswordHasher({ legacySalt: 'another-salt' });
    assert.equal((await otherSalt.verify('päss wörd', stored)).ok, false);
  });

  it("verifies sha512 hashes made with OctoPrint's old fixed salt even without a configured salt", async () => {
    const stored = octoprintSha512('secret', 'mvBUTvwzBzD3yPwvnJ4E4tXNf3CGJvvW');
    assert.equal((await new PasswordHasher().verify('secret', stored)).ok, true);
  });

  it('asks for a rehash of a weaker argon2 hash', async () => {
    const weak = new PasswordHasher({ parameters: { memoryCost: 8192, timeCost: 1, parallelism: 1 } });
    const hash = await weak.hash('pw');
    assert.deepEqual(await hasher.verify('pw', hash), { ok: true, needsRehash: true });
  });

  it('refuses missing, unknown and over-long input after the same argon2 work', async () => {
    const once = async (stored: string | null, password: string): Promise<number> => {
      const start = performance.now();
      assert.equal((await hasher.verify(password, stored)).ok, false);
      return performance.now() - start;
    };
    // The median of a few runs, so that one run slowed by a busy machine decides nothing.
    const timed = async (stored: string | null, password = 'whatever'): Promise<number> => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i += 1) runs.push(await once(stored, password));
      return runs.sort((a, b) => a - b)[2] ?? 0;
    };
    await once(null, 'whatever'); // warms up the dummy hash
    const known = await timed(ARGON2_CFFI_HASH);
    const unknown = await timed(null);
    const garbage = await timed('not a hash');
    const long = await timed(ARGON2_CFFI_HASH, 'x'.repeat(5000));
    for (const duration of [unknown, garbage, long]) {
      assert.ok(duration > known * 0.4, `an unknown user should cost about as much as a known one (${duration} vs ${known} ms)`);
    }
    await assert.rejects(hasher.hash('x'.repeat(1025)), RangeError);
  });
});
