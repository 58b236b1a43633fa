// Password hashes: argon2id (the format OctoPrint 1.11 writes), and OctoPrint's older salted sha512 for migration.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type * as Argon2 from '@node-rs/argon2';

export interface Argon2Parameters {
  /** KiB of memory per lane. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2-cffi's defaults, which OctoPrint uses: 64 MiB, 3 passes, 4 lanes (above OWASP's minimum). */
export const DEFAULT_ARGON2: Argon2Parameters = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

/** Longest password accepted, in UTF-8 bytes (longer ones are refused, never truncated). */
export const MAX_PASSWORD_BYTES = 1024;

/** The fixed salt OctoPrint used before it generated one per installation. */
const OCTOPRINT_LEGACY_SALT = 'mvBUTvwzBzD3yPwvnJ4E4tXNf3CGJvvW';

const ARGON2ID = 2;

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is an old format or weaker than today's parameters: store a new hash after this login. */
  needsRehash: boolean;
}

export interface PasswordHasherOptions {
  /** `accessControl.salt` from an OctoPrint config.yaml, for its sha512 hashes. */
  legacySalt?: string | null;
  parameters?: Argon2Parameters;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLegacySha512Hash(stored: string): boolean {
  return /^[0-9a-f]{128}$/i.test(stored);
}

export function isArgon2Hash(stored: string): boolean {
  return stored.startsWith('$argon2');
}

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

export class PasswordHasher {
  private readonly parameters: Argon2Parameters;
  private dummyHash: Promise<string> | null = null;
  /** The native argon2 library, loaded on first use (a server that nobody logs in to never needs it). */
  private library: Promise<typeof Argon2> | null = null;

  constructor(private readonly options: PasswordHasherOptions = {}) {
    this.parameters = options.parameters ?? DEFAULT_ARGON2;
  }

  async hash(password: string): Promise<string> {
    if (passwordTooLong(password)) throw new RangeError(`Passwords are limited to ${MAX_PASSWORD_BYTES} bytes.`);
    const { hash } = await this.argon2();
    return hash(password, { algorithm: ARGON2ID, ...this.parameters });
  }

  private argon2(): Promise<typeof Argon2> {
    this.library ??= import('@node-rs/argon2');
    return this.library;
  }

  /**
   * Checks a password against a stored hash. A missing or unknown hash costs one argon2 verification too, so an
   * unknown user takes as long as a known one.
   */
  async verify(password: string, stored: string | null | undefined): Promise<PasswordCheck> {
    if (typeof password !== 'string' || passwordTooLong(password) || !stored) {
      await this.burn(password);
      return { ok: false, needsRehash: false };
    }
    if (isArgon2Hash(stored)) {
      let ok = false;
      const { parseOptions, verify } = await this.argon2();
      try {
        ok = await verify(stored, password);
      } catch {
        ok = false;
      }
      return { ok, needsRehash: ok && this.weakerThanPolicy(stored, parseOptions) };
    }
    if (isLegacySha512Hash(stored)) {
      await this.burn(password);
      const ok = this.verifyLegacy(password, stored);
      return { ok, needsRehash: ok };
    }
    await this.burn(password);
    return { ok: false, needsRehash: false };
  }

  private verifyLegacy(password: string, stored: string): boolean {
    const expected = Buffer.from(stored.toLowerCase(), 'hex');
    const salts = [this.options.legacySalt, OCTOPRINT_LEGACY_SALT].filter((s): s is string => typeof s === 'string' && s.length > 0);
    let ok = false;
    for (const salt of salts) {
      const candidate = createHash('sha512').update(password + salt, 'utf8').digest();
      // Every salt is tried, so the time does not tell which one matched.
      ok = sameBytes(candidate, expected) || ok;
    }
    return ok;
  }

  private weakerThanPolicy(stored: string, parseOptions: (typeof Argon2)['parseOptions']): boolean {
    try {
      const parsed = parseOptions(stored);
      return (
        (parsed.algorithm as number) !== ARGON2ID ||
        parsed.memoryCost < this.parameters.memoryCost ||
        parsed.timeCost < this.parameters.timeCost
      );
    } catch {
      return true;
    }
  }

  /** One argon2 verification against a throw-away hash with today's parameters. */
  private async burn(password: unknown): Promise<void> {
    const { hash, verify } = await this.argon2();
    this.dummyHash ??= hash(randomBytes(24).toString('hex'), { algorithm: ARGON2ID, ...this.parameters });
    const text = typeof password === 'string' && !passwordTooLong(password) ? password : 'x';
    try {
      await verify(await this.dummyHash, text);
    } catch {
      // Only the time matters here.
    }
  }
}
